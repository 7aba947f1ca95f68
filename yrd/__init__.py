"""The application around the loader: the build, the checks and the economist's desk.

yrd.build runs ingest → checks on raw → dbt build → checks → publish under one lock, with
the run history and the nightly schedule; yrd.quality holds the GX suites and their runner;
yrd.desk is everything that reads the published file (connect, sql, shell, exports, report,
docs); yrd.cli is the `yrd` command; yrd.ui and yrd.textsafe print safely to a terminal.

May import: ingest (the loader, and the config, limits and testhooks it shares).
Must not: be imported by ingest. Within yrd, the desk never imports the build or the
checks, the checks never import the desk or the build, the build never imports the desk,
and nothing imports yrd.cli (tests/test_layers.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from yrd.desk.reader_guard import ReaderConnection

__all__ = ["connect"]


def connect(path: str | None = None) -> ReaderConnection:
    """Read-only connection to the published warehouse: queries only, within memory and
    time limits (see yrd.desk.readonly.connect). In a notebook: `from yrd import connect`."""
    from yrd.desk.readonly import connect as _connect

    return _connect(path)
