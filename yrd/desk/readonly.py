"""Read-only access to the published warehouse: only queries that read, within limits.

Every reader path (`yrd sql`, `yrd shell`, `yrd export`, `yrd report`, `yrd.connect()`)
opens the file here. DuckDB is told to refuse other files and URLs, extensions and
setting changes (external access off, configuration locked); it is given a bounded
memory limit and no temp folder, so nothing is ever written beside the file; and the
connection is wrapped (yrd.desk.reader_guard) so that only statements DuckDB parses as
queries run, each under a timeout.
"""

from __future__ import annotations

import atexit
import os
import weakref
from pathlib import Path

import duckdb

from ingest.config import settings
from yrd.desk.reader_guard import ReaderConnection

DEFAULT_MEMORY_LIMIT = "4GB"
DEFAULT_TIMEOUT_SECONDS = 300.0


class WarehouseError(Exception):
    """The published warehouse cannot be opened; the message says why and what to do."""


class WarehouseMissing(WarehouseError, FileNotFoundError):
    pass


class WarehouseUnreadable(WarehouseError):
    pass


def reader_settings(memory: str) -> dict[str, str]:
    """DuckDB settings every reader gets: its memory limit, and no spill folder (a reader
    writes nothing beside the file it reads)."""
    return {"memory_limit": memory, "temp_directory": "", "max_temp_directory_size": "0B"}


def reader_limits() -> tuple[str, float]:
    """(memory limit, statement timeout in seconds; 0 = none) for readers, from
    YRD_READER_MEMORY_LIMIT and YRD_READER_TIMEOUT."""
    memory = os.environ.get("YRD_READER_MEMORY_LIMIT", "").strip() or DEFAULT_MEMORY_LIMIT
    raw = os.environ.get("YRD_READER_TIMEOUT", "").strip()
    try:
        timeout = float(raw) if raw else DEFAULT_TIMEOUT_SECONDS
    except ValueError:
        timeout = DEFAULT_TIMEOUT_SECONDS
    return memory, max(timeout, 0.0)


# DuckDB keeps one database per path in a process and refuses a second `duckdb.connect`
# of it once the first locked its configuration. So the file is opened once, as an
# anchor that is never handed out, and every `connect()` gets a cursor of it (same
# locked settings): a notebook cell run twice works. Once every cursor is closed or
# gone, the next `connect()` closes the anchor and opens the file again, so it sees
# the newest published build.
_ANCHORS: dict[str, tuple[duckdb.DuckDBPyConnection,
                          list[weakref.ref[duckdb.DuckDBPyConnection]]]] = {}


@atexit.register
def _close_anchors() -> None:
    # Closed before the interpreter tears the module down (nanobind reports leaks else).
    for anchor, _ in _ANCHORS.values():
        anchor.close()
    _ANCHORS.clear()


def _is_open(con: duckdb.DuckDBPyConnection | None) -> bool:
    if con is None:
        return False
    try:
        con.execute("select 1")
    except duckdb.Error:
        return False
    return True


def _live_anchor(key: str) -> duckdb.DuckDBPyConnection | None:
    entry = _ANCHORS.get(key)
    if entry is None:
        return None
    anchor, refs = entry
    refs[:] = [r for r in refs if _is_open(r())]
    if refs:
        return anchor
    anchor.close()
    del _ANCHORS[key]
    return None


def connect(path: str | Path | None = None) -> ReaderConnection:
    """Open the published warehouse read-only, for notebooks and scripts.

    Only queries run (a COPY, ATTACH, SET, PRAGMA, INSTALL … is refused with
    ReadOnlyError); SQL cannot read or write other files or URLs; a statement is
    stopped after YRD_READER_TIMEOUT seconds (QueryTimeoutError) and may use at most
    YRD_READER_MEMORY_LIMIT of memory, without spilling to disk. `execute`, `sql`,
    `table`, `view`, the fetch methods (`df`, `fetchall`, …) and `close` work as on a
    duckdb connection; relations read, and write no files.

    The connection keeps the file that was published when it was opened (a build renames
    a new file into place; it never changes this one): close it and connect again to see
    a newer build. Connections to the same file in one process share one open database
    (connecting twice works), so close them all to see a newer build.
    """
    target = Path(path) if path else settings().warehouse
    if not target.exists():
        raise WarehouseMissing(
            f"{target}: no published warehouse yet; run `make build` (or `yrd build`) first"
        )
    memory, timeout = reader_limits()
    key = os.path.realpath(target)
    anchor = _live_anchor(key)
    if anchor is not None:
        cursor = anchor.cursor()
        _ANCHORS[key][1].append(weakref.ref(cursor))
        return _handed_out(key, cursor, timeout, memory)
    try:
        anchor = duckdb.connect(
            str(target),
            read_only=True,
            config={
                "enable_external_access": False,
                "allow_community_extensions": False,
                "autoload_known_extensions": False,
                "autoinstall_known_extensions": False,
                **reader_settings(memory),
            },
        )
    except duckdb.Error as exc:
        raise WarehouseUnreadable(
            f"{target}: cannot open the published warehouse: {str(exc).strip()} "
            "(`yrd rollback` restores the previous version; `yrd build` makes a new one)"
        ) from exc
    anchor.execute("set lock_configuration = true")
    cursor = anchor.cursor()
    _ANCHORS[key] = (anchor, [weakref.ref(cursor)])
    return _handed_out(key, cursor, timeout, memory)


def _handed_out(key: str, cursor: duckdb.DuckDBPyConnection, timeout: float,
                memory: str) -> ReaderConnection:
    """The guarded connection; when it is closed or dropped and it was the last one, the
    file is closed too (so a plain duckdb.connect of it, or a newer build, works next)."""
    reader = ReaderConnection(cursor, timeout=timeout, memory=memory,
                              on_close=lambda: _live_anchor(key))
    weakref.finalize(reader, _live_anchor, key)
    return reader
