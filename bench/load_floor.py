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


def run_load_floor(db: Path, data_dir: Path, lines: bool = False) -> dict[str, Any]:
    """`lines`: the second floor, what any loader that gives each row its file and line
    must do at least with DuckDB: a file's rows only know their place in it while they
    are in insertion order, so they are parsed into a temporary table (its rowid is the
    record number, as in ingest.fastload) and written from there into the table with the
    line, the file and the load's columns. Still no rule, duplicate check or quarantine."""
    files = sorted((data_dir / "observations").glob("*.csv"))
    con = limits.connect(db, db.parent)
    try:
        listed = "[" + ", ".join(lit(str(p)) for p in files) + "]"
        columns = "{" + ", ".join(f"{lit(c)}: 'VARCHAR'" for c in COLUMNS) + "}"
        scan = (f"read_csv({listed}, header=true, auto_detect=false, columns={columns}, "
                "delim=',', quote='\"', escape='\"', new_line='\\n', filename=true)")
        cols = ", ".join(q(c) for c in COLUMNS)
        if not lines:
            con.execute(f"create or replace table load_floor as select {cols}, filename "
                        f"from {scan}")
        else:
            con.execute(f"create temp table parsed as select "
                        f"list_position({listed}, filename)::integer as _pos, {cols} "
                        f"from {scan}")
            # Each file's first rowid, as the loader finds them (one small aggregate).
            first = dict(con.execute(
                "select _pos, min(rowid) from parsed group by _pos").fetchall())
            bases = [first.get(k, 0) for k in range(1, len(files) + 1)]
            con.execute(
                "create or replace table load_floor as select "
                f"{cols}, (rowid - ({bases})[_pos] + 2)::integer as _line, "
                f"({listed})[_pos] as _file, 'floor' as _load_id, now() as _loaded_at "
                "from parsed")
        con.execute("checkpoint")
        rows = con.execute("select count(*) from load_floor").fetchone()[0]
    finally:
        con.close()
    return {"rows": rows, "files": len(files)}
