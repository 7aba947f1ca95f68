"""Yangtze River Delta economic-indicators warehouse: ingest, build, checks, publish."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from yrd.desk.reader_guard import ReaderConnection

__all__ = ["connect"]


def connect(path: str | None = None) -> ReaderConnection:
    """Read-only connection to the published warehouse: queries only, within memory and
    time limits (see yrd.desk.readonly.connect)."""
    from yrd.desk.readonly import connect as _connect

    return _connect(path)
