"""dbt's parse on the other core while ingest and the raw checks run (yrd/build/preparse.py):
the build's dbt finds the parsed project, and a parse that fails changes nothing."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from yrd.build import preparse


def test_a_fresh_build_uses_the_parse_made_beside_ingest(built_warehouse) -> None:
    """The shared build starts from an empty build directory: without the pre-parse its
    dbt would parse in full, which dbt's file log says at info level."""
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: the build does not parse beforehand")
    log = (built_warehouse.build_dir / "logs" / "dbt.log").read_text(encoding="utf-8")
    assert " PASS " in log  # the log is the build's
    assert "Unable to do partial parsing" not in log, [
        line for line in log.splitlines() if "partial pars" in line]
    assert (built_warehouse.build_dir / "target" / preparse.PARSE_FILE).exists()
    assert not (built_warehouse.build_dir / "parse" / "target" / preparse.PARSE_FILE).exists()


def test_a_parse_that_fails_or_is_stopped_leaves_nothing(tmp_path: Path, monkeypatch) -> None:
    from ingest.config import settings

    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: the build does not parse beforehand")
    for var in ("YRD_BUILD_DB", "YRD_MEMORY_LIMIT", "YRD_THREADS"):  # start() sets them
        if var in os.environ:
            monkeypatch.setenv(var, os.environ[var])  # restored after the test
        else:
            monkeypatch.delenv(var, raising=False)
    empty = tmp_path / "not-a-dbt-project"
    empty.mkdir()
    cfg = dataclasses.replace(settings(), project_root=empty, build_dir=tmp_path / "build",
                              build_db=tmp_path / "build" / "yrd.duckdb")
    proc = preparse.start(cfg)
    assert proc is not None
    assert preparse.finish(cfg, proc) is False  # no dbt_project.yml: dbt parse fails
    assert proc.returncode != 0
    assert not (cfg.build_dir / "target" / preparse.PARSE_FILE).exists()

    proc = preparse.start(cfg)
    preparse.stop(proc)  # a build that ends before dbt
    assert proc is not None and proc.returncode is not None
    assert preparse.finish(cfg, proc) is False
