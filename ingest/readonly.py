"""Read-only access to the published warehouse: no writes, no other files, no network."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ingest.config import settings


class WarehouseMissing(FileNotFoundError):
    pass


def connect(path: str | Path | None = None) -> duckdb.DuckDBPyConnection:
    """Open the published warehouse read-only, for notebooks and scripts.

    SQL on this connection cannot write, attach other databases, read or write files or
    URLs, or load extensions (enable_external_access is off and the configuration is
    locked, so `SET`/`RESET` cannot turn it back on).

    The connection keeps the file that was published when it was opened (a build renames
    a new file into place; it never changes this one): close it and connect again to see
    a newer build. DuckDB gives every connection to the same path in one process the same
    database while one of them is open, so close them all.
    """
    target = Path(path) if path else settings().warehouse
    if not target.exists():
        raise WarehouseMissing(
            f"{target}: no published warehouse yet; run `make build` (or `yrd build`) first"
        )
    con = duckdb.connect(
        str(target),
        read_only=True,
        config={
            "enable_external_access": False,
            "allow_community_extensions": False,
            "autoload_known_extensions": False,
            "autoinstall_known_extensions": False,
        },
    )
    con.execute("set lock_configuration = true")
    return con
