"""[issue 12] Readers cannot write: every reader path (`yrd sql`, `yrd shell`, `yrd export`,
`yrd report`, `yrd.connect()`) runs only queries, writes nothing to the published file,
its WAL or beside it, and runs within a memory limit, without spilling, under a timeout.

The reproductions that used to replace the published file run on a private copy of it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest
from yrd_testing import Built, copy_of, run_yrd

from yrd.desk.reader_guard import QueryTimeoutError, ReaderLimitError, ReadOnlyError
from yrd.desk.readonly import WarehouseUnreadable, connect

# A statement that runs for minutes (the optimiser cannot shortcut hash()).
ENDLESS = "select sum(hash(i)) from range(1000000000000) r(i)"


@pytest.fixture
def private(built_warehouse: Built, tmp_path: Path) -> Built:
    """A copy of the published warehouse that a failing test may destroy."""
    return copy_of(built_warehouse, tmp_path / "copy", with_build_dir=False)


def fingerprint(built: Built) -> tuple[str, list[str]]:
    """The published file's bytes and everything in its folder."""
    digest = hashlib.sha256(built.warehouse.read_bytes()).hexdigest()
    return digest, sorted(p.name for p in built.warehouse.parent.rglob("*"))


def still_readable(built: Built) -> None:
    c = duckdb.connect(str(built.warehouse), read_only=True)
    try:
        assert c.execute("select count(*) from marts.dim_place").fetchone()[0] > 0
    finally:
        c.close()


def reproductions(w: Path) -> dict[str, str]:
    """The issue's reproductions, and their neighbours, against the warehouse `w`."""
    return {
        "copy over the warehouse": f"copy (select 'x' as x) to '{w}' "
                                   "(format csv, use_tmp_file false)",
        "copy to its WAL": f"copy (select 'x' as x) to '{w}.wal' (format csv)",
        "copy into its temp folder": f"copy (select 'x' as x) to '{w}.tmp/x.csv' (format csv)",
        "export database beside it": f"export database '{w}.tmp'",
        "a query, then a copy": f"select 1; copy (select 'x') to '{w}' "
                                "(format csv, use_tmp_file false)",
        "explain analyze of a copy": f"explain analyze copy (select 'x') to '{w}.wal'",
        "pragma": "pragma enable_profiling",
        "checkpoint": "checkpoint",
        "detach": "detach yrd",
        "use another database": "use memory",
        "create a temp table": "create temp table t as select 1",
    }


# ---- yrd sql ----

@pytest.mark.parametrize("what", list(reproductions(Path("w"))))
def test_yrd_sql_refuses_writes_to_the_warehouse_and_beside_it(private: Built,
                                                              what: str) -> None:
    before = fingerprint(private)
    proc = run_yrd(private.env, "sql", reproductions(private.warehouse)[what])
    assert proc.returncode == 1, proc.stdout
    assert "read-only" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert fingerprint(private) == before
    still_readable(private)


def test_yrd_sql_still_runs_every_kind_of_query(private: Built) -> None:
    for sql in ["with a as (select 1 as x) select * from a", "from marts.dim_place limit 1",
                "describe marts.dim_place", "show tables", "summarize marts.dim_indicator",
                "explain select * from marts.dim_place", "values (1), (2)"]:
        proc = run_yrd(private.env, "sql", sql, "--format", "csv")
        assert proc.returncode == 0, f"{sql}: {proc.stderr}"


# ---- yrd shell ----

def test_yrd_shell_refuses_them_and_keeps_going(private: Built) -> None:
    before = fingerprint(private)
    script = "".join(sql + ";\n" for sql in reproductions(private.warehouse).values())
    proc = run_yrd(private.env, "shell", input=script + "select 'still here' as s;\n",
                   timeout=120)
    assert proc.returncode == 1
    refused = [ln for ln in proc.stderr.splitlines() if "read-only" in ln]
    assert len(refused) == len(reproductions(private.warehouse)), proc.stderr
    assert "still here" in proc.stdout
    assert fingerprint(private) == before


# ---- yrd export (a query, or an analysis file that writes) ----

def test_yrd_export_refuses_a_query_or_analysis_that_writes(private: Built,
                                                            tmp_path: Path) -> None:
    before = fingerprint(private)
    w = private.warehouse
    evil = tmp_path / "evil.sql"
    evil.write_text(f"copy (select 'x' as x) to '{w}' (format csv, use_tmp_file false)\n",
                    encoding="utf-8")
    for target in [str(evil), f"select 1 as a; copy (select 'x') to '{w}.wal' (format csv)"]:
        proc = run_yrd(private.env, "export", target, "-o", str(tmp_path / "out.csv"))
        assert proc.returncode == 1, proc.stdout
        assert "read-only" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert fingerprint(private) == before
    assert not (tmp_path / "out.csv").exists()
    still_readable(private)


# ---- connect() (notebooks) ----

def test_connect_refuses_them_and_relations_write_no_files(private: Built) -> None:
    before = fingerprint(private)
    con = connect(private.warehouse)
    try:
        for sql in reproductions(private.warehouse).values():
            with pytest.raises(ReadOnlyError, match="read-only"):
                con.execute(sql)
            with pytest.raises(ReadOnlyError):
                con.sql(sql)
        rel = con.sql("select * from marts.dim_place")
        for write in ("write_parquet", "write_csv", "to_parquet", "to_csv"):
            with pytest.raises(ReadOnlyError):
                getattr(rel, write)(str(private.warehouse) + ".wal")
        with pytest.raises(ReadOnlyError):
            rel.query("r", f"copy r to '{private.warehouse}.wal'")
        with pytest.raises(AttributeError, match="read-only"):
            con.install_extension("httpfs")
        # Reading still works the usual ways.
        assert len(rel.filter("level = 'prefecture'").df()) > 0
        assert con.table("marts.dim_indicator").fetchall()
        assert con.execute("select count(*) from marts.dim_place").fetchone()[0] > 0
    finally:
        con.close()
    assert fingerprint(private) == before


# ---- limits: memory without spill, and a timeout ----

def test_readers_have_a_bounded_memory_limit_and_no_temp_folder(private: Built) -> None:
    con = connect(private.warehouse)
    try:
        memory, temp, temp_max = con.execute(
            "select current_setting('memory_limit'), current_setting('temp_directory'), "
            "current_setting('max_temp_directory_size')").fetchone()
    finally:
        con.close()
    amount, unit = memory.split()
    assert unit in ("MiB", "GiB") and float(amount) * (1024 if unit == "GiB" else 1) <= 4096
    assert temp == "" and temp_max == "0 bytes"


def test_a_query_beyond_the_memory_limit_fails_clearly_and_spills_nothing(
        private: Built) -> None:
    before = fingerprint(private)
    env = {**private.env, "YRD_READER_MEMORY_LIMIT": "64MB"}
    proc = run_yrd(env, "sql", "select count(*) from (select i, md5(i::varchar) as h "
                   "from range(20000000) r(i) order by h)", timeout=300)
    assert proc.returncode == 1
    assert "YRD_READER_MEMORY_LIMIT" in proc.stderr and "Traceback" not in proc.stderr
    assert fingerprint(private) == before  # no .tmp folder appeared beside it


def test_yrd_sql_stops_a_long_statement_with_a_clear_message(private: Built) -> None:
    env = {**private.env, "YRD_READER_TIMEOUT": "1"}
    proc = run_yrd(env, "sql", ENDLESS, timeout=120)
    assert proc.returncode == 1
    assert "ran longer than 1 s" in proc.stderr and "YRD_READER_TIMEOUT" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_yrd_shell_stops_a_long_statement_and_the_session_goes_on(private: Built) -> None:
    env = {**private.env, "YRD_READER_TIMEOUT": "1"}
    proc = run_yrd(env, "shell", input=f"{ENDLESS};\nselect 'next' as s;\n", timeout=120)
    assert "ran longer than 1 s" in proc.stderr
    assert "next" in proc.stdout


def test_connect_stops_a_long_statement(private: Built,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YRD_READER_TIMEOUT", "1")
    con = connect(private.warehouse)
    try:
        with pytest.raises(QueryTimeoutError, match="ran longer than 1 s"):
            con.execute(ENDLESS).fetchall()
        with pytest.raises(QueryTimeoutError):
            con.sql(ENDLESS).fetchall()
        assert con.execute("select 42").fetchone() == (42,)  # the connection goes on
    finally:
        con.close()
    assert issubclass(ReaderLimitError, duckdb.Error)


# ---- a file that is not a warehouse ----

def test_a_corrupt_warehouse_is_a_message_not_a_traceback(private: Built,
                                                          tmp_path: Path) -> None:
    private.warehouse.chmod(0o644)
    private.warehouse.write_bytes(b"x\n" * 10)
    with pytest.raises(WarehouseUnreadable, match="cannot open the published warehouse"):
        connect(private.warehouse)
    for args in (["sql", "select 1"], ["shell"],
                 ["export", "marts.dim_place", "-o", str(tmp_path / "x.csv")]):
        proc = run_yrd(private.env, *args, input="select 1;\n", timeout=120)
        assert proc.returncode == 1, args
        assert "cannot open the published warehouse" in proc.stderr, proc.stderr
        assert "yrd rollback" in proc.stderr and "Traceback" not in proc.stderr
