#!/usr/bin/env bash
# Opt-in smoke test of the portable core on Spark (dbt-spark, session method): a separate
# pinned venv (.venv-spark, gitignored), raw tables exported from a DuckDB build, then
# `dbt seed` + `dbt run` of the core models on a local SparkSession, compared with DuckDB.
# Needs Java 17 and network access to PyPI the first time. Not part of `make test`.
#
#     bash bench/spark_smoke.sh            # result in bench/results/spark-<time>.json
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENV="${YRD_SPARK_VENV:-$ROOT/.venv-spark}"
PY="${PYTHON:-python3.11}"
if [ ! -x "$VENV/bin/dbt" ]; then
    "$PY" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --upgrade pip
    "$VENV/bin/pip" install --quiet "dbt-core==1.11.16" "dbt-spark[session]==1.11.0" \
        "pyspark==4.3.0" "duckdb==$("$ROOT/.venv/bin/python" -c 'import duckdb; print(duckdb.__version__)')" \
        "pyarrow"
fi
export DBT_SEND_ANONYMOUS_USAGE_STATS=False DO_NOT_TRACK=1
exec "$VENV/bin/python" "$ROOT/bench/spark_smoke.py" "$@"
