"""Yangtze River Delta economic-indicators warehouse: ingest, build, checks, publish."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb

__all__ = ["connect"]


def connect(path: str | None = None) -> duckdb.DuckDBPyConnection:
    """Read-only connection to the published warehouse (see ingest.readonly.connect)."""
    from ingest.readonly import connect as _connect

    return _connect(path)
