"""[issue 12] A warehouse folder that cannot be written: `yrd build` says so and exits 1,
without a traceback; the run is still recorded (the build directory's log and
meta.build_runs of the build file) and `yrd status` shows it; a published file stays as
it was."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest
from yrd_testing import Built, copy_of, isolated_env, run_yrd


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make `folder` unwritable for this user (root ignores modes: it gets chattr +i)."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip("running as root where chattr +i is not allowed: no way to make a "
                    "folder read-only")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=False)


def status_runs(env: dict[str, str]) -> list[dict[str, object]]:
    proc = run_yrd(env, "status", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_a_read_only_warehouse_folder_fails_clearly_and_the_run_is_recorded(
        tmp_path: Path) -> None:
    env = isolated_env(tmp_path)
    folder = tmp_path / "warehouse"
    with read_only(folder):
        proc = run_yrd(env, "build", timeout=300)
        assert not any(folder.iterdir()), "something was written into the folder"
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "Traceback" not in out and "OSError" not in out, out
    assert f"the warehouse folder {folder} cannot be written" in out
    log = tmp_path / "build" / "logs" / "runs.jsonl"
    assert f"recorded in {log}" in out
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [r["status"] for r in records] == ["running", "failed"]
    assert records[-1]["exit_code"] == 1 and "cannot be written" in records[-1]["message"]
    (run,) = status_runs(env)
    assert run["status"] == "failed" and str(run["message"]).startswith("the warehouse folder")
    con = duckdb.connect(str(tmp_path / "build" / "yrd.duckdb"), read_only=True)
    try:
        assert con.execute("select status from meta.build_runs").fetchall() == [("failed",)]
    finally:
        con.close()


def test_a_published_warehouse_in_a_read_only_folder_stays_readable(
        built_warehouse: Built, tmp_path: Path) -> None:
    ws = copy_of(built_warehouse, tmp_path / "ws", with_build_dir=False)
    before = hashlib.sha256(ws.warehouse.read_bytes()).hexdigest()
    runs_before = len(status_runs(ws.env))
    with read_only(ws.warehouse.parent):
        proc = run_yrd(ws.env, "build", timeout=300)
        reader = run_yrd(ws.env, "sql", "select count(*) as n from marts.dim_place",
                         "--format", "csv")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1 and "cannot be written" in out and "Traceback" not in out
    assert hashlib.sha256(ws.warehouse.read_bytes()).hexdigest() == before
    assert reader.returncode == 0 and int(reader.stdout.split()[1]) > 0
    runs = status_runs(ws.env)
    assert len(runs) == runs_before + 1 and runs[-1]["status"] == "failed"
