"""The published file opens in DuckDB 1.x, which is what DBeaver, R, the PyPI
`duckdb-cli` and most notebooks ship (a file in DuckDB 2.0's own format does not).

The client is a pinned `duckdb` 1.3.2, of the oldest minor version that reads the
published storage format (v1.3.0; yrd/build/publish.py says why not older), in a venv of
its own cached under build/ so CI installs it once."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import duckdb
import pytest

from yrd.build.publish import STORAGE_VERSION

PROJECT = Path(__file__).resolve().parents[1]
OLD_DUCKDB = "1.3.2"
VENV = PROJECT / "build" / f"duckdb-{OLD_DUCKDB}-venv"

READ_ALL = r"""
import json, sys
import duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
rels = con.execute(
    "select schema_name, table_name from duckdb_tables() union all "
    "select schema_name, view_name from duckdb_views() where not internal").fetchall()
counts = {f"{s}.{t}": con.execute(f'select count(*) from "{s}"."{t}"').fetchone()[0]
          for s, t in rels}
as_of = con.execute("select count(*) from marts.observations_as_of(date '2023-03-01') "
                    "where place_code = '320583'").fetchone()[0]
print(json.dumps({"version": duckdb.__version__, "counts": counts, "as_of": as_of}))
"""


def old_python() -> Path:
    py = VENV / "bin" / "python"
    stamp = VENV / ".installed"
    if not stamp.exists():
        venv.create(VENV, clear=True, with_pip=True)
        proc = subprocess.run([str(py), "-m", "pip", "install", "--quiet",
                               f"duckdb=={OLD_DUCKDB}"], capture_output=True, text=True,
                              timeout=600, check=False)
        if proc.returncode != 0:
            pytest.fail(f"could not install duckdb {OLD_DUCKDB}: {proc.stderr[-2000:]}")
        stamp.write_text(OLD_DUCKDB)
    return py


def test_a_duckdb_1x_client_reads_every_relation(built_warehouse: object) -> None:
    wh = built_warehouse.warehouse  # type: ignore[attr-defined]
    proc = subprocess.run([str(old_python()), "-c", READ_ALL, str(wh)], capture_output=True,
                          text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    got = json.loads(proc.stdout)
    assert got["version"] == OLD_DUCKDB
    con = duckdb.connect(str(wh), read_only=True)
    try:
        marts = [r[0] for r in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'marts' union all "
            "select view_name from duckdb_views() where schema_name = 'marts'").fetchall()]
        assert len(marts) >= 10
        for m in marts:
            expected = con.execute(f"select count(*) from marts.{m}").fetchone()[0]
            assert got["counts"][f"marts.{m}"] == expected, m
        as_of = con.execute("select count(*) from marts.observations_as_of(date '2023-03-01') "
                            "where place_code = '320583'").fetchone()[0]
    finally:
        con.close()
    assert got["as_of"] == as_of > 0, "the table macro works in the old client too"


def test_the_storage_version_is_named_in_the_readme() -> None:
    assert STORAGE_VERSION in (PROJECT / "README.md").read_text(encoding="utf-8")


def test_python_is_not_the_old_client() -> None:
    # The test above would prove nothing if the project's own duckdb were 1.x.
    assert not duckdb.__version__.startswith("1."), sys.version
