"""Fault-injection points for the crash tests (tests/test_wap.py), inert in production.

`YRD_TEST_PAUSE_AT=<phase>` makes the build print `YRD-TEST-PAUSED <phase> pid=<pid>` on
stdout and sleep there, so a test can `kill -9` it at a known point: `ingest` (inside
the load transaction, rows half written), `dbt` (after dbt's first node finished, the
others running), `checks` (start of the checks on staging and marts), `publish` (the new
file copied beside the published one and linked into versions/, before the rename).
In ingest, not the build, because the loader pauses here too and ingest never imports yrd.
"""

from __future__ import annotations

import os
import sys
import time

PHASES = ("ingest", "dbt", "checks", "publish")
_done: set[str] = set()


def pause_at(phase: str) -> None:
    if os.environ.get("YRD_TEST_PAUSE_AT") != phase or phase in _done:
        return
    _done.add(phase)
    sys.stdout.write(f"\nYRD-TEST-PAUSED {phase} pid={os.getpid()}\n")
    sys.stdout.flush()
    time.sleep(float(os.environ.get("YRD_TEST_PAUSE_SECONDS", "120")))
