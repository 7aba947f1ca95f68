"""Smoke test of the portable core on Spark (run by bench/spark_smoke.sh in .venv-spark).

1. In the project's own venv: ingest the shipped data into a DuckDB file and `dbt run` the
   core there (the reference, timed);
2. here: a local SparkSession (warehouse and metastore in a temp dir), the raw tables
   created from that DuckDB file, then `dbt seed` + `dbt run` of the same core on the
   `spark` target (dbt-spark, session method), in this process;
3. row counts and a content digest of every core model compared between the two.
Result: bench/results/spark-<time>.json and a line to paste into SUMMARY.md.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAIN_PY = ROOT / ".venv" / "bin" / "python"
SEEDS = ["units", "yearbook_fields"]
CORE = ["stg_yearbook__city_gdp", "stg_yearbook__city_population",
        "stg_yearbook__province_cpi", "int_yearbook_observations"]
RAW = ["yearbook_city_gdp", "yearbook_city_population_employment", "yearbook_province_cpi"]
# A digest both engines compute exactly: counts, distinct ids, the sum of values as decimals
# (a sum of doubles depends on the order of addition).
EXACT_SUM = "sum(cast(round(value, 2) as decimal(38, 2)))"
DIGEST = {
    "int_yearbook_observations": f"count(*), count(distinct observation_id), {EXACT_SUM}, "
                                 "count(distinct source_ref)",
}
DEFAULT_DIGEST = f"count(*), {EXACT_SUM}, count(distinct place_code)"
SCHEMA = {"int_yearbook_observations": "intermediate"}


def duckdb_side(work: Path) -> dict:
    env = {**os.environ, "YRD_BUILD_DIR": str(work / "duck"),
           "YRD_WAREHOUSE": str(work / "duck" / "wh.duckdb"), "YRD_PROJECT_ROOT": str(ROOT)}
    env.pop("YRD_DATA_DIR", None)

    def step(*args: str) -> dict:
        t = time.perf_counter()
        out = subprocess.run([str(MAIN_PY), "-m", "bench.steps", *args], env=env, cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
        return {"wall_s": round(time.perf_counter() - t, 2),
                **json.loads(out.strip().splitlines()[-1])}

    step("ingest")
    seed = step("dbt", "seed", "--select", *SEEDS)
    run = step("dbt", "run", "--select", *CORE)
    db = work / "duck" / "yrd.duckdb"
    code = (
        "import duckdb, json, sys\n"
        f"con = duckdb.connect({str(db)!r}, read_only=True)\n"
        "out = {}\n"
        f"for m in {CORE!r}:\n"
        f"    schema = {SCHEMA!r}.get(m, 'staging')\n"
        f"    expr = {DIGEST!r}.get(m, {DEFAULT_DIGEST!r})\n"
        "    row = con.execute(f'select {expr} from {schema}.{m}').fetchone()\n"
        "    out[m] = [str(v) for v in row]\n"
        f"for t in {RAW!r}:\n"
        f"    con.execute(f\"copy raw.{{t}} to '{work}/{{t}}.parquet' (format parquet)\")\n"
        "print(json.dumps(out))\n"
    )
    digest = json.loads(subprocess.run([str(MAIN_PY), "-c", code], capture_output=True,
                                       text=True, check=True).stdout)
    return {"seed": seed, "run": run, "digest": digest}


def spark_side(work: Path) -> dict:
    from pyspark.sql import SparkSession

    os.chdir(work)  # dbt-spark's session: spark-warehouse/ and metastore_db/ land here
    t0 = time.perf_counter()
    spark = (SparkSession.builder.master("local[2]").appName("yrd-smoke")
             .config("spark.sql.warehouse.dir", str(work / "spark-warehouse"))
             .config("spark.ui.enabled", "false")
             .config("spark.driver.memory", "2g")
             .enableHiveSupport().getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    start_s = time.perf_counter() - t0
    spark.sql("create database if not exists raw")
    for t in RAW:
        spark.read.parquet(str(work / f"{t}.parquet")).write.mode("overwrite") \
            .saveAsTable(f"raw.{t}")
    from dbt.cli.main import dbtRunner

    common = ["--project-dir", str(ROOT), "--profiles-dir", str(ROOT), "--target", "spark",
              "--target-path", str(work / "target"), "--log-path", str(work / "logs")]
    runner = dbtRunner()
    t = time.perf_counter()
    seed = runner.invoke(["seed", "--select", *SEEDS, *common])
    seed_s = time.perf_counter() - t
    t = time.perf_counter()
    run = runner.invoke(["run", "--select", *CORE, *common])
    run_s = time.perf_counter() - t
    digest = {}
    for m in CORE:
        schema = SCHEMA.get(m, "staging")
        expr = DIGEST.get(m, DEFAULT_DIGEST)
        try:
            row = spark.sql(f"select {expr} from {schema}.{m}").collect()[0]
            digest[m] = [str(v) for v in row]
        except Exception as exc:  # a model that did not build
            digest[m] = [f"error: {str(exc).splitlines()[0][:200]}"]
    nodes = []
    if run.result is not None and hasattr(run.result, "results"):
        nodes = [{"name": r.node.name, "status": str(r.status),
                  "seconds": round(r.execution_time or 0, 2),
                  "message": (r.message or "")[:300]} for r in run.result.results]
    spark.stop()
    return {"spark_start_s": round(start_s, 2), "seed_ok": bool(seed.success),
            "seed_s": round(seed_s, 2), "run_ok": bool(run.success), "run_s": round(run_s, 2),
            "nodes": nodes, "digest": digest,
            "error": "" if run.success and seed.success else
            str(run.exception or seed.exception or "see nodes")[:1000]}


def main() -> int:
    import dbt.version
    import pyspark

    work = Path(tempfile.mkdtemp(prefix="yrd-spark-", dir=os.environ.get("YRD_SPARK_TMP")))
    t = time.perf_counter()
    duck = duckdb_side(work)
    spark = spark_side(work)
    same = {m: duck["digest"].get(m) == spark["digest"].get(m) for m in CORE}
    result = {
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S"), "benchmark": "spark-smoke",
        "versions": {"dbt-core": dbt.version.__version__, "pyspark": pyspark.__version__,
                     "python": sys.version.split()[0]},
        "models": CORE, "seeds": SEEDS, "duckdb": duck, "spark": spark, "same_digest": same,
        "ok": spark["run_ok"] and all(same.values()),
        "run_ratio_spark_to_duckdb": round(spark["run_s"] / duck["run"]["wall_s"], 2),
        "total_s": round(time.perf_counter() - t, 1), "work": str(work),
    }
    out = ROOT / "bench" / "results" / f"spark-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: result[k] for k in ("ok", "same_digest", "run_ratio_spark_to_duckdb",
                                              "total_s")}))
    print(f"spark: seed {spark['seed_s']} s, run {spark['run_s']} s (session start "
          f"{spark['spark_start_s']} s); duckdb: run {duck['run']['wall_s']} s; wrote {out}")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
