"""The floor of ingest: DuckDB's own CSV reader parsing the long-format files into a table
of text columns, in one statement, with nothing around it (no rules, no duplicate check,
no quarantine, no line numbers, no ledger), then a checkpoint.

What a loader that writes every row into raw as text cannot go below on this machine:
ingest's rows per second are judged against it (issue 11 asks for 1M rows/s). Its
connection has the build's limits (ingest/limits.py), as ingest's has."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ingest import limits
from ingest.rules import lit, q
from ingest.sources.observations import COLUMNS


def run_load_floor(db: Path, data_dir: Path) -> dict[str, Any]:
    files = sorted((data_dir / "observations").glob("*.csv"))
    con = limits.connect(db, db.parent)
    try:
        listed = "[" + ", ".join(lit(str(p)) for p in files) + "]"
        columns = "{" + ", ".join(f"{lit(c)}: 'VARCHAR'" for c in COLUMNS) + "}"
        con.execute(
            "create or replace table load_floor as select "
            + ", ".join(q(c) for c in COLUMNS) + ", filename "
            f"from read_csv({listed}, header=true, auto_detect=false, columns={columns}, "
            "delim=',', quote='\"', escape='\"', new_line='\\n', filename=true)")
        con.execute("checkpoint")
        rows = con.execute("select count(*) from load_floor").fetchone()[0]
    finally:
        con.close()
    return {"rows": rows, "files": len(files)}
