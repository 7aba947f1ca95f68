"""The build's memory limit, threads and spill folder: from the machine or the
environment, and on every connection the build opens (ingest, checks, publish, dbt)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from yrd_testing import PROJECT

from ingest import limits
from ingest.config import settings


def _setting(con: duckdb.DuckDBPyConnection, name: str) -> str:
    return con.execute(f"select current_setting('{name}')").fetchone()[0]


def _mib(text: str) -> float:
    return limits.parse_size(text.replace(" ", ""), "x") / 2**20


def test_defaults_come_from_the_machine(tmp_path: Path, monkeypatch) -> None:
    for var in ("YRD_MEMORY_LIMIT", "YRD_THREADS", "YRD_TEMP_DIR"):
        monkeypatch.delenv(var, raising=False)
    lim = limits.limits(tmp_path)
    assert lim.memory_bytes <= 2 * 2**30  # peak RSS runs above the limit: room under 4 GB
    assert lim.memory_bytes <= 0.4 * limits.machine_memory() + 1
    assert lim.threads == limits.machine_threads()
    assert lim.temp_directory == (tmp_path / "tmp").resolve()


def test_environment_overrides_and_connect_applies(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("YRD_MEMORY_LIMIT", "300MB")
    monkeypatch.setenv("YRD_THREADS", "1")
    monkeypatch.setenv("YRD_TEMP_DIR", str(tmp_path / "spill"))
    con = limits.connect(tmp_path / "b.duckdb", tmp_path)
    try:
        assert abs(_mib(_setting(con, "memory_limit")) - 300e6 / 2**20) < 2
        assert str(_setting(con, "threads")) == "1"
        assert Path(_setting(con, "temp_directory")) == tmp_path / "spill"
    finally:
        con.close()
    assert (tmp_path / "spill").is_dir()


@pytest.mark.parametrize(("var", "value"), [("YRD_MEMORY_LIMIT", "lots"),
                                            ("YRD_MEMORY_LIMIT", "1MB"),
                                            ("YRD_THREADS", "0"), ("YRD_THREADS", "two")])
def test_unusable_values_are_refused_by_name(var: str, value: str, tmp_path: Path,
                                             monkeypatch) -> None:
    monkeypatch.setenv(var, value)
    with pytest.raises(limits.LimitError, match=var):
        limits.limits(tmp_path)


def test_ingest_applies_limits_to_a_callers_connection(tmp_path: Path, monkeypatch) -> None:
    from ingest.run_ingest import run_ingest

    monkeypatch.setenv("YRD_BUILD_DIR", str(tmp_path / "build"))
    monkeypatch.setenv("YRD_MEMORY_LIMIT", "700MB")
    monkeypatch.setenv("YRD_THREADS", "1")
    monkeypatch.delenv("YRD_TEMP_DIR", raising=False)
    cfg = settings()
    cfg.build_dir.mkdir(parents=True)
    con = duckdb.connect(str(cfg.build_db))
    try:
        run_ingest(con, cfg)
        assert abs(_mib(_setting(con, "memory_limit")) - 700e6 / 2**20) < 2
        assert str(_setting(con, "threads")) == "1"
        assert Path(_setting(con, "temp_directory")) == cfg.build_dir / "tmp"
    finally:
        con.close()


def test_dbt_profile_reads_the_same_limits(tmp_path: Path, monkeypatch) -> None:
    """dbt's DuckDB connection gets the build's limits through profiles.yml."""
    from dbt.cli.main import dbtRunner

    from yrd.build.dbt_runner import dbt_env

    monkeypatch.setenv("YRD_BUILD_DIR", str(tmp_path / "build"))
    monkeypatch.setenv("YRD_MEMORY_LIMIT", "600MB")
    monkeypatch.setenv("YRD_THREADS", "1")
    monkeypatch.delenv("YRD_TEMP_DIR", raising=False)
    cfg = settings()
    cfg.build_dir.mkdir(parents=True)
    dbt_env(cfg)
    res = dbtRunner().invoke([
        "show", "--inline",
        "select current_setting('memory_limit') as m, current_setting('threads') as t, "
        "current_setting('temp_directory') as d",
        "--project-dir", str(PROJECT), "--profiles-dir", str(PROJECT),
        "--target-path", str(tmp_path / "target"), "--log-path", str(tmp_path / "logs"),
        "--quiet"])
    assert res.success, res.exception
    row = res.result.results[0].agate_table.rows[0]
    assert abs(_mib(row[0]) - 600e6 / 2**20) < 2
    assert str(row[1]) == "1"
    assert Path(row[2]).is_relative_to(cfg.build_dir)  # spills under the build dir


def test_bench_floor_runs_under_the_same_limits(tmp_path: Path, monkeypatch) -> None:
    """The floor (bench/floor.py) is dbt's SQL without dbt: it must run under the build's
    limits too, or it measures a different program (and exceeded 4 GB at 3M)."""
    import json

    from bench.floor import run_floor

    monkeypatch.setenv("YRD_MEMORY_LIMIT", "500MB")
    monkeypatch.setenv("YRD_THREADS", "1")
    monkeypatch.delenv("YRD_TEMP_DIR", raising=False)
    node = {"resource_type": "model", "name": "settings_seen", "schema": "main",
            "relation_name": '"main"."settings_seen"', "config": {"materialized": "table"},
            "depends_on": {"nodes": []},
            "compiled_code": "select current_setting('memory_limit') as m, "
                             "current_setting('threads') as t, "
                             "current_setting('temp_directory') as d"}
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"nodes": {"model.yrd.settings_seen": node}}))
    db = tmp_path / "floor" / "yrd.duckdb"
    db.parent.mkdir()
    assert run_floor(db, manifest)["model_count"] == 1
    con = duckdb.connect(str(db), read_only=True)
    try:
        m, t, d = con.execute("select m, t, d from settings_seen").fetchone()
    finally:
        con.close()
    assert abs(_mib(m) - 500e6 / 2**20) < 2
    assert str(t) == "1"
    assert Path(d) == (db.parent / "tmp").resolve()


def test_quarantine_viewer_reads_the_build_file_under_reader_limits(tmp_path: Path,
                                                                     monkeypatch) -> None:
    """`yrd quarantine --build` opens the build file as a desk reader: the readers' memory
    limit (YRD_READER_MEMORY_LIMIT), and no spill folder."""
    import argparse

    from yrd.desk import quarantine

    monkeypatch.setenv("YRD_BUILD_DIR", str(tmp_path))
    monkeypatch.setenv("YRD_BUILD_DB", str(tmp_path / "yrd.duckdb"))
    monkeypatch.setenv("YRD_READER_MEMORY_LIMIT", "300MB")
    duckdb.connect(str(tmp_path / "yrd.duckdb")).close()
    con, problem = quarantine._open(argparse.Namespace(build=True, warehouse=None))
    assert problem is None
    try:
        assert abs(_mib(_setting(con, "memory_limit")) - 300e6 / 2**20) < 2
        assert _setting(con, "temp_directory") == ""
    finally:
        con.close()


def test_dbt_builds_one_model_at_a_time_on_large_inputs(tmp_path: Path, monkeypatch) -> None:
    """Concurrent models share one memory limit: two at a time on small inputs, one on
    large ones (by the size of the data folder), YRD_DBT_THREADS over both."""
    monkeypatch.delenv("YRD_DBT_THREADS", raising=False)
    data = tmp_path / "data"
    (data / "observations").mkdir(parents=True)
    (data / "observations" / "a.csv").write_bytes(b"x" * 1000)
    assert limits.dbt_threads(data) == 2
    monkeypatch.setattr(limits, "LARGE_INPUT_BYTES", 1500)
    (data / "observations" / "b.csv").write_bytes(b"x" * 1000)
    assert limits.dbt_threads(data) == 1
    monkeypatch.setenv("YRD_DBT_THREADS", "3")
    assert limits.dbt_threads(data) == 3
    monkeypatch.setenv("YRD_DBT_THREADS", "0")
    with pytest.raises(limits.LimitError, match="YRD_DBT_THREADS"):
        limits.dbt_threads(data)
