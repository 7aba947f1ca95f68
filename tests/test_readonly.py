"""The read-only paths (`from yrd import connect`, `yrd sql`, `yrd shell`): they read
the published warehouse and nothing else: no writes, no other files, no network, no
changing those settings back."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import duckdb
import pytest
from yrd_testing import Built, isolated_env, run_yrd

import yrd
from yrd.build.publish import READ_ONLY_MODE
from yrd.desk.readonly import WarehouseMissing, connect

FORBIDDEN = {
    "create table": "create table marts.x (a integer)",
    "create schema": "create schema evil",
    "insert": "insert into meta.build_runs (run_id) values ('x')",
    "update": "update marts.fct_observations set value = 0",
    "delete": "delete from marts.fct_observations",
    "drop": "drop table marts.fct_observations",
    "alter": "alter table marts.dim_place add column x integer",
    "attach the build file": "attach '{build_db}' as b",
    "attach a new file": "attach '{tmp}/new.duckdb' as n",
    "attach in memory": "attach ':memory:' as m",
    "read_csv": "select * from read_csv('/etc/passwd')",
    "read_text": "select * from read_text('/etc/hostname')",
    "read_blob": "select * from read_blob('{build_db}')",
    "glob": "select * from glob('/etc/*')",
    "read_parquet": "select * from read_parquet('{tmp}/x.parquet')",
    "file as table": "select * from '/etc/passwd'",
    "copy to file": "copy (select 1) to '{tmp}/out.csv'",
    "copy table to file": "copy marts.dim_place to '{tmp}/places.csv'",
    "export database": "export database '{tmp}/export'",
    "url": "select * from read_csv('https://example.com/data.csv')",
    "install extension": "install httpfs",
    "load extension": "load httpfs",
    "turn external access on": "set enable_external_access = true",
    "reset external access": "reset enable_external_access",
    "unlock configuration": "set lock_configuration = false",
    "raise memory limit": "set memory_limit = '100GB'",
    "allow a directory": "set allowed_directories = ['/']",
    "persistent secret": "create persistent secret s (type s3, key_id 'a', secret 'b')",
}


@pytest.fixture
def con(built_warehouse: Built):
    c = connect(built_warehouse.warehouse)
    yield c
    c.close()


def test_the_published_file_can_be_queried(con: duckdb.DuckDBPyConnection) -> None:
    n = con.execute("select count(*) from marts.fct_observations").fetchone()[0]
    assert n > 0
    assert con.execute("select status from meta.build_runs order by started_at desc limit 1"
                       ).fetchone()[0] == "published"


@pytest.mark.parametrize("what", list(FORBIDDEN), ids=list(FORBIDDEN))
def test_sql_cannot_write_attach_read_files_or_unlock(
        what: str, con: duckdb.DuckDBPyConnection, built_warehouse: Built,
        tmp_path: Path) -> None:
    sql = FORBIDDEN[what].format(build_db=built_warehouse.build_db, tmp=tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(duckdb.Error):
        con.execute(sql).fetchall()
    assert sorted(p.name for p in tmp_path.iterdir()) == before, "a file was written"
    # The connection still works, with its settings unchanged.
    assert con.execute("select current_setting('enable_external_access')").fetchone()[0] \
        is False
    assert con.execute("select count(*) from marts.dim_place").fetchone()[0] > 0


def test_the_file_is_unchanged_by_readers(built_warehouse: Built) -> None:
    st = built_warehouse.warehouse.stat()
    c = connect(built_warehouse.warehouse)
    for sql in FORBIDDEN.values():
        with contextlib.suppress(duckdb.Error):
            c.execute(sql.format(build_db=built_warehouse.build_db, tmp="/nonexistent"))
    c.close()
    after = built_warehouse.warehouse.stat()
    assert (after.st_mtime_ns, after.st_size, after.st_ino) == \
        (st.st_mtime_ns, st.st_size, st.st_ino)
    assert not built_warehouse.warehouse.with_name(
        built_warehouse.warehouse.name + ".wal").exists()
    assert after.st_mode & 0o777 == READ_ONLY_MODE


def test_notebook_helper_uses_the_published_file(built_warehouse: Built,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YRD_WAREHOUSE", str(built_warehouse.warehouse))
    c = yrd.connect()
    try:
        assert c.execute("select count(*) from marts.fct_observations").fetchone()[0] > 0
        with pytest.raises(duckdb.Error):
            c.execute("create table marts.y as select 1")
        with pytest.raises(duckdb.Error):
            c.execute("select * from read_csv('/etc/passwd')")
    finally:
        c.close()


def test_missing_warehouse_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(WarehouseMissing, match="no published warehouse yet"):
        connect(tmp_path / "nothing.duckdb")
    proc = run_yrd(isolated_env(tmp_path), "sql", "select 1")
    assert proc.returncode == 1 and "no published warehouse yet" in proc.stderr


# ---- yrd sql ----

def test_yrd_sql_reads(built_warehouse: Built) -> None:
    proc = run_yrd(built_warehouse.env, "sql", "select count(*) as n from marts.dim_place",
                   "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)[0]["n"] > 0


@pytest.mark.parametrize("sql", [
    "create table marts.x as select 1",
    "select 1; attach '/tmp/yrd-evil.duckdb' as e",
    "select * from read_csv('/etc/passwd')",
    "copy (select 1) to '/tmp/yrd-evil.csv'",
    "set enable_external_access = true; select * from read_csv('/etc/passwd')",
])
def test_yrd_sql_cannot_write_or_read_files(built_warehouse: Built, sql: str) -> None:
    proc = run_yrd(built_warehouse.env, "sql", sql)
    assert proc.returncode == 1
    assert "Error" in proc.stderr
    assert not Path("/tmp/yrd-evil.duckdb").exists() and not Path("/tmp/yrd-evil.csv").exists()


# ---- yrd shell (stdin piped to a real process) ----

def shell(built: Built, script: str) -> tuple[int, str, str]:
    proc = run_yrd(built.env, "shell", input=script, timeout=120)
    return proc.returncode, proc.stdout, proc.stderr


def test_shell_dot_commands_and_multiline_statements(built_warehouse: Built) -> None:
    code, out, err = shell(built_warehouse, "\n".join([
        ".tables",
        ".schema marts.dim_place",
        ".mode csv",
        "select count(*) as n",
        "  from marts.fct_observations",
        "  where value is not null;",
        ".mode json",
        "select 'a;b' as s, 2 as k;",
        ".mode table",
        "select 42 as answer;",
        ".quit",
        "select 'after quit';",
    ]) + "\n")
    assert code == 0, err
    assert "fct_observations" in out and "dim_place" in out  # .tables
    assert "place_code" in out  # .schema
    assert "\nn\n" in out  # csv header of the multi-line statement
    assert '"s": "a;b"' in out  # json
    assert "42" in out and "answer" in out
    assert "after quit" not in out
    assert err == ""


def test_shell_is_read_only_and_reports_errors(built_warehouse: Built) -> None:
    code, out, err = shell(built_warehouse, "\n".join([
        ".mode csv",
        "create table marts.x (a integer);",
        "select * from read_csv('/etc/passwd');",
        "attach '/tmp/yrd-shell-evil.duckdb' as e;",
        ".schema no_such_table",
        ".mode xml",
        ".frobnicate",
        "select 'still here' as s;",
    ]) + "\n")
    assert code == 1  # piped input: any failed statement is a failure
    assert sum(1 for ln in err.splitlines() if ln.startswith("Error: ")) == 6, err
    assert "read-only" in err and "disabled by configuration" in err
    assert "no such table" in err and "unknown command" in err
    assert "still here" in out
    assert not Path("/tmp/yrd-shell-evil.duckdb").exists()


def test_shell_last_statement_without_semicolon_runs(built_warehouse: Built) -> None:
    code, out, _ = shell(built_warehouse, ".mode csv\nselect 7 as seven")
    assert code == 0 and "seven\n7" in out
