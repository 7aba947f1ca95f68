"""Where `yrd export` and `yrd report` may write: anywhere but over the warehouse.

Writing an export "to" the published file would replace it for every reader (the
process may run as root, so the file's mode does not stop it). Refused: the published
file and any other path to it (symlink, hard link), its WAL and temp folder, its kept
versions, run history and publish temporaries, and the build file with its WAL.
"""

from __future__ import annotations

import os
from pathlib import Path

from ingest.config import Settings, versions_dir


class ProtectedOutput(ValueError):
    pass


def _warehouse_files(db: Path) -> tuple[set[Path], set[Path]]:
    """(files, folders) that belong to a DuckDB file and its publishing."""
    files = {db, db.with_name(db.name + ".wal"),
             db.with_name(db.stem + ".runs.jsonl")}
    folders = {db.with_name(db.name + ".tmp"), versions_dir(db)}
    return files, folders


def check_output(out: Path, cfg: Settings, *warehouses: Path | None) -> None:
    """Raise ProtectedOutput if writing `out` would touch a warehouse or the build file."""
    target = out.resolve()
    dbs = [cfg.warehouse, cfg.build_db, *(w.resolve() for w in warehouses if w is not None)]
    for db in dbs:
        files, folders = _warehouse_files(db)
        same_inode = target.exists() and any(
            f.exists() and os.path.samefile(target, f) for f in files)
        publishing = target.parent == db.parent and target.name.startswith(f".{db.name}.")
        if (target in files or same_inode or publishing
                or any(target.is_relative_to(d) for d in folders)):
            raise ProtectedOutput(
                f"{out}: refusing to write there: it is {db} or one of its files "
                "(the published warehouse and the build's files are never overwritten); "
                "choose another output path")
