"""Order-independent digests of the warehouse's tables, to prove two builds equal: the
series-incremental chain against a full refresh on the same inputs (tests and bench)."""

from __future__ import annotations

import duckdb

# The chain's own run state: which batch ran and what it touched. Not results.
RUN_STATE = ("int_incremental_batch", "int_touched_series", "incremental_state",
             "incremental_finding_series", "incremental_flagged_series",
             "incremental_suspect_series")


def result_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every table of the intermediate and marts schemas but the chain's run state."""
    rows = con.execute(
        "select table_schema || '.' || table_name from information_schema.tables "
        "where table_schema in ('intermediate', 'marts') and table_type = 'BASE TABLE' "
        "order by 1").fetchall()
    return [r[0] for r in rows if r[0].split(".")[1] not in RUN_STATE]


def digest(con: duckdb.DuckDBPyConnection, table: str) -> tuple[int, int]:
    """(rows, sum of row hashes): equal for equal multisets of rows, whatever the order."""
    n, h = con.execute(
        f"select count(*), coalesce(sum(hash(t)::hugeint), 0) from {table} as t").fetchone()
    return int(n), int(h)


def digests(db: str) -> dict[str, tuple[int, int]]:
    con = duckdb.connect(db, read_only=True)
    try:
        return {t: digest(con, t) for t in result_tables(con)}
    finally:
        con.close()
