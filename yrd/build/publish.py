"""Write–audit–publish: the published file only ever changes by an atomic rename.

The build works on its own file; after every check passed, a copy is made beside
the published file (same filesystem), audited, and renamed over it. Readers that
opened the old file keep their (unlinked) inode and a consistent view; new readers
get the new one. A build killed at any point leaves the published file as it was:
before the rename nothing of it has changed, after it the new file is complete.

Published files are never written again (mode 0444, readers open them read-only), so
the previous versions are kept as hard links in `versions/` at no extra cost, and
`yrd rollback` renames the newest one back into place.

The copy is in an older DuckDB storage format (`STORAGE_VERSION`), not DuckDB 2.0's
own: the build file is created in that format (ingest/limits.py), so the copy is its
bytes; a build file in another format is rewritten table by table into a new file in
that format. A file in DuckDB 2.0's format cannot be opened by DuckDB 1.x, which is what
DBeaver, R, the PyPI `duckdb-cli` and most notebooks still ship. 'v1.3.0' (storage number
66) keeps everything the marts use: tables, views, the `marts.observations_as_of` table
macro and column types; DuckDB 1.3 and every later 1.x client read it.
tests/test_old_client.py opens every relation of the published file with a pinned
DuckDB 1.3.2.

Why 1.3 and not older: 'v1.1.0' (DuckDB 1.1, the oldest that reads the marts; 1.0 fails
to deserialize a catalog entry) was the format until 2026-11-30. DuckDB 2.0 writes
v1.1.0 and v1.2.0 a third slower than its own format and v1.3.0 as fast (NOTES.md of
bench/results, session 5), so only from v1.3.0 can the build file itself be in the
published format, and publishing be a copy of its bytes: at 27M rows the rewrite took
525 s, the largest step of a nightly build, and the copy of that file's bytes 30 s.

Everything here runs under the build lock (yrd.build.lock), so a leftover temporary file
always belongs to a dead run and is removed by the next one.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from ingest import limits
from ingest.config import settings, versions_dir

# The oldest storage format that keeps every feature of the marts (see the docstring);
# new build files are created in it too (ingest/limits.py), so publishing copies bytes.
STORAGE_VERSION = limits.STORAGE_VERSION
KEEP_VERSIONS = int(os.environ.get("YRD_KEEP_VERSIONS", "3"))
READ_ONLY_MODE = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH  # 0444


def temp_files(warehouse: Path) -> list[Path]:
    """Temporary files of publish and rollback runs (only ever left by a killed run)."""
    return sorted(warehouse.parent.glob(f".{warehouse.name}.*-*"))


def clean_leftovers(warehouse: Path) -> list[Path]:
    """Remove what a killed publish or rollback left behind; call with the lock held."""
    removed = []
    for p in temp_files(warehouse):
        if p.name.rsplit("-", 1)[0].endswith((".publishing", ".rollback")):
            p.unlink(missing_ok=True)
            removed.append(p)
    # A run killed between linking the old file into versions/ and the rename leaves a
    # "version" that is the published file itself: drop it, or rollback would be a no-op.
    for v in list_versions(warehouse):
        if warehouse.exists() and os.path.samefile(v, warehouse):
            v.unlink()
            removed.append(v)
    return removed


def _connect(db: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    # The build's limits; spilling (if ever) goes under the build dir, never beside the
    # published file.
    return limits.connect(db, settings().build_dir, read_only=read_only)


def checkpoint(db: Path) -> None:
    con = _connect(db)
    try:
        con.execute("checkpoint")
    finally:
        con.close()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_for_readers(build_db: Path, dest: Path, storage_version: str = STORAGE_VERSION) -> None:
    """The build file as a new file in `storage_version`'s format: its bytes when it is
    in that format already (a checkpointed file, as publish leaves it), else every
    schema, table, view and macro copied into a new file (limits.copy_database; through
    a connection to the build file itself, which the build may hold open)."""
    con = _connect(build_db)
    try:
        # (The probe file is made in the build directory: nothing beside the published
        # file but the copy itself.)
        if limits.in_format(con, storage_version, settings().build_dir):
            con.close()  # nothing more is written to it: the bytes are the database
            shutil.copyfile(build_db, dest)
            return
        limits.copy_database(con, dest, storage_version)
    finally:
        con.close()


def audit(db: Path) -> int:
    """The copy itself must open read-only and hold the marts; returns the fact rows."""
    con = _connect(db, read_only=True)
    try:
        return con.execute("select count(*) from marts.fct_observations").fetchone()[0]
    finally:
        con.close()


def publish(
    build_db: Path,
    warehouse: Path,
    keep: int = KEEP_VERSIONS,
    before_replace: Callable[[], None] | None = None,
) -> Path:
    checkpoint(build_db)
    if build_db.with_name(build_db.name + ".wal").exists():
        raise RuntimeError(f"{build_db}: write-ahead log still present after checkpoint")
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    clean_leftovers(warehouse)
    tmp = warehouse.with_name(f".{warehouse.name}.publishing-{os.getpid()}")
    try:
        copy_for_readers(build_db, tmp)
        _fsync(tmp)
        audit(tmp)
        os.chmod(tmp, READ_ONLY_MODE)
        if warehouse.exists():
            vdir = versions_dir(warehouse)
            vdir.mkdir(exist_ok=True)
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
            os.link(warehouse, vdir / f"{warehouse.stem}-{stamp}{warehouse.suffix}")
            _fsync(vdir)
        if before_replace:
            before_replace()
        os.replace(tmp, warehouse)
        _fsync(warehouse.parent)
    finally:
        tmp.unlink(missing_ok=True)
    prune(warehouse, keep)
    return warehouse


def prune(warehouse: Path, keep: int) -> None:
    old = list_versions(warehouse)
    for p in old[: max(0, len(old) - keep)]:
        p.unlink(missing_ok=True)


def list_versions(warehouse: Path) -> list[Path]:
    vdir = versions_dir(warehouse)
    return sorted(vdir.glob(f"{warehouse.stem}-*{warehouse.suffix}")) if vdir.exists() else []


def rollback(warehouse: Path) -> Path:
    """Put the newest kept version back in place (atomically); it leaves the list.

    The file it replaces is discarded (it is what the operator rolled back from)."""
    clean_leftovers(warehouse)
    versions = list_versions(warehouse)
    if not versions:
        raise FileNotFoundError(
            f"no earlier version of {warehouse} is kept in {versions_dir(warehouse)}"
        )
    newest = versions[-1]
    audit(newest)
    os.replace(newest, warehouse)  # same filesystem: one atomic rename
    _fsync(warehouse.parent)
    _fsync(newest.parent)
    return newest
