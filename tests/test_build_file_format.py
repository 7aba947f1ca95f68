"""The build file's storage format (ingest/limits.py): a build file in another format than
the published file's (made before the build file was created in it) is converted once by
`yrd build`, keeps every row, and is published as a copy of its bytes from then on."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import duckdb
from yrd_testing import Built, copy_of, run_yrd, storage_tag_of_file

from ingest import limits


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rows(path: Path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = con.execute("select table_schema, table_name from information_schema.tables "
                             "where table_type = 'BASE TABLE' and table_schema in "
                             "('raw', 'marts', 'meta') order by 1, 2").fetchall()
        return {f"{s}.{t}": con.execute(f'select count(*) from "{s}"."{t}"').fetchone()[0]
                for s, t in tables}
    finally:
        con.close()


def _to_native(db: Path) -> None:
    """The file rewritten in DuckDB's own storage format, as builds made it before."""
    native = db.with_name("native.duckdb")
    con = duckdb.connect(str(db))
    try:
        con.execute(f"attach '{native}' as n")
        con.execute(f'copy from database "{db.stem}" to n')
        con.execute("detach n")
    finally:
        con.close()
    os.replace(native, db)


def test_a_build_file_in_another_format_is_converted_once(built_warehouse: Built,
                                                           tmp_path: Path) -> None:
    readers = limits.storage_tag_of(limits.STORAGE_VERSION, tmp_path)
    copy = copy_of(built_warehouse, tmp_path / "copy")
    _to_native(copy.build_db)
    assert storage_tag_of_file(copy.build_db) != readers  # else the build below proves nothing
    before = _rows(copy.build_db)

    proc = run_yrd(copy.env, "build")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "converted once" in proc.stdout
    assert storage_tag_of_file(copy.build_db) == readers
    # (publish copies the bytes of a file in this format: tests/test_wap.py)
    assert storage_tag_of_file(copy.warehouse) == readers
    after = _rows(copy.build_db)
    # The same rows (meta gains this run's records; raw.loads and the quality results
    # grow by a run)
    grown = {"meta.build_runs", "meta.quality_results"}
    assert {k: v for k, v in after.items() if k not in grown} == \
        {k: v for k, v in before.items() if k not in grown}
    assert after["meta.build_runs"] == before["meta.build_runs"] + 1

    proc = run_yrd(copy.env, "build")  # once: the next build has nothing to convert
    assert proc.returncode == 0 and "converted once" not in proc.stdout


def test_a_build_file_in_the_published_format_is_left_as_it_is(tmp_path: Path) -> None:
    db = tmp_path / "build" / "yrd.duckdb"
    con = limits.connect(db, db.parent)
    con.execute("create table t as select 1 as v")
    con.execute("checkpoint")
    con.close()
    before = _sha(db)
    assert limits.convert_build_file(db, db.parent) is False
    assert _sha(db) == before
    assert limits.convert_build_file(tmp_path / "absent.duckdb", tmp_path) is False
