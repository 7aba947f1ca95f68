"""Write–audit–publish: the published file only ever changes by an atomic rename.

The build works on its own file; after every check passed, a copy is made beside
the published file and renamed over it. Readers that opened the old file keep
their (unlinked) inode; new readers get the new one. The previous versions are
kept as hard links in `versions/` so `yrd rollback` can restore them.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import duckdb

KEEP_VERSIONS = 3


def versions_dir(warehouse: Path) -> Path:
    return warehouse.parent / "versions"


def checkpoint(db: Path) -> None:
    con = duckdb.connect(str(db))
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


def publish(build_db: Path, warehouse: Path, keep: int = KEEP_VERSIONS) -> Path:
    checkpoint(build_db)
    if build_db.with_name(build_db.name + ".wal").exists():
        raise RuntimeError(f"{build_db}: write-ahead log still present after checkpoint")
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    tmp = warehouse.with_name(f".{warehouse.name}.publishing-{os.getpid()}")
    try:
        shutil.copyfile(build_db, tmp)
        _fsync(tmp)
        # Audit the copy itself: it must open read-only and hold the marts.
        con = duckdb.connect(str(tmp), read_only=True)
        try:
            con.execute("select count(*) from marts.fct_observations").fetchone()
        finally:
            con.close()
        if warehouse.exists():
            vdir = versions_dir(warehouse)
            vdir.mkdir(exist_ok=True)
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
            os.link(warehouse, vdir / f"{warehouse.stem}-{stamp}{warehouse.suffix}")
        os.replace(tmp, warehouse)
        _fsync(warehouse.parent)
    finally:
        tmp.unlink(missing_ok=True)
    prune(warehouse, keep)
    return warehouse


def prune(warehouse: Path, keep: int) -> None:
    vdir = versions_dir(warehouse)
    if not vdir.exists():
        return
    old = sorted(vdir.glob(f"{warehouse.stem}-*{warehouse.suffix}"))
    for p in old[: max(0, len(old) - keep)]:
        p.unlink(missing_ok=True)


def list_versions(warehouse: Path) -> list[Path]:
    vdir = versions_dir(warehouse)
    return sorted(vdir.glob(f"{warehouse.stem}-*{warehouse.suffix}")) if vdir.exists() else []


def rollback(warehouse: Path) -> Path:
    """Put the newest kept version back in place (atomically); it leaves the list."""
    versions = list_versions(warehouse)
    if not versions:
        raise FileNotFoundError(
            f"no earlier version of {warehouse} is kept in {versions_dir(warehouse)}"
        )
    newest = versions[-1]
    tmp = warehouse.with_name(f".{warehouse.name}.rollback-{os.getpid()}")
    shutil.copyfile(newest, tmp)
    os.replace(tmp, warehouse)
    newest.unlink()
    return newest
