"""One build at a time (flock), run history (meta.build_runs and the JSON-lines log),
`yrd status`, and `yrd schedule` (printed, and installed into stand-ins)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest
from yrd_testing import PROJECT, Built, isolated_env, run_yrd

from yrd.build.history import RunRecord, append_log, read_log
from yrd.build.lock import AlreadyRunning, BuildLock, lock_holder

HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from yrd.build.lock import BuildLock
    with BuildLock(Path(sys.argv[1])):
        print("locked", flush=True)
        time.sleep(600)
""")


def hold_lock(lock: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(lock)], cwd=PROJECT,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


# ---- the lock ----

def test_lock_is_exclusive_and_freed_by_kill_9(tmp_path: Path) -> None:
    lock = tmp_path / "build" / "build.lock"
    holder = hold_lock(lock)
    try:
        assert lock_holder(lock) == f"pid {holder.pid} since " + lock_holder(lock).split(
            " since ")[1]
        with pytest.raises(AlreadyRunning, match=rf"already running \(pid {holder.pid} "):
            BuildLock(lock).__enter__()
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    # No stale lock: the kernel released it with the process; the stale text is harmless.
    assert lock_holder(lock) is None
    with BuildLock(lock):
        assert lock_holder(lock) == f"pid {os.getpid()} since " + lock_holder(lock).split(
            " since ")[1]
    assert lock_holder(lock) is None


def test_build_while_another_holds_the_lock_exits_75_and_changes_nothing(
        tmp_path: Path) -> None:
    env = isolated_env(tmp_path)
    lock = Path(env["YRD_BUILD_DIR"]) / "build.lock"
    holder = hold_lock(lock)
    try:
        start = time.monotonic()
        proc = run_yrd(env, "build")
        took = time.monotonic() - start
        rollback = run_yrd(env, "rollback")
        ingest = run_yrd(env, "ingest")
    finally:
        holder.kill()
        holder.wait()
    assert proc.returncode == 75, proc.stdout + proc.stderr
    assert "a build is already running" in proc.stderr and f"pid {holder.pid}" in proc.stderr
    assert "exits with code 75 and changes nothing" in proc.stderr
    assert took < 60, "it did not wait for the lock"
    assert rollback.returncode == 75 and ingest.returncode == 75
    assert not (Path(env["YRD_BUILD_DIR"]) / "yrd.duckdb").exists()
    assert not Path(env["YRD_WAREHOUSE"]).exists()
    (skipped,) = read_log(Path(env["YRD_WAREHOUSE"]).with_name("yrd.runs.jsonl"))
    assert skipped["status"] == "skipped" and skipped["exit_code"] == 75


# ---- run history ----

def test_build_runs_table_and_log_record_the_run(built_warehouse: Built) -> None:
    con = duckdb.connect(str(built_warehouse.warehouse), read_only=True)
    try:
        cur = con.execute("select * from meta.build_runs order by started_at desc limit 1")
        row = dict(zip([d[0] for d in cur.description], cur.fetchone(), strict=True))
    finally:
        con.close()
    assert row["status"] == "published" and row["exit_code"] == 0
    assert row["started_at"] <= row["finished_at"]
    assert row["code_version"] and row["code_version"] != ""
    steps = json.loads(row["step_seconds"])
    assert [k.split(" ", 1)[0] for k in steps] == ["1/5", "2/5", "3/5", "4/5"]
    models = json.loads(row["rows_per_model"])
    assert models["marts.fct_observations"] > 0 and models["raw.yearbook_city_gdp"] > 0
    hashes = json.loads(row["input_hashes"])
    assert any(k.endswith("yearbook/city_gdp.csv") for k in hashes)
    assert all(len(v) == 64 for v in hashes.values())
    assert row["checks_passed"] > 0 and row["checks_failed"] == 0
    # The log beside the published file has the same run: a start and an end record.
    records = [json.loads(line) for line in
               built_warehouse.history_log.read_text(encoding="utf-8").splitlines()]
    mine = [r for r in records if r["run_id"] == row["run_id"]]
    assert [r["status"] for r in mine] == ["running", "published"]
    assert mine[-1]["rows_per_model"] == models and mine[-1]["input_hashes"] == hashes


def test_read_log_collapses_runs_and_flags_the_dead(tmp_path: Path) -> None:
    log = tmp_path / "runs.jsonl"
    for i, (rid, statuses) in enumerate((("a", ["running", "published"]), ("b", ["running"]),
                                         ("c", ["skipped"]), ("d", ["running"]))):
        for st in statuses:
            append_log(log, RunRecord(run_id=rid, started_at=f"2025-01-01T00:00:0{i}",
                                      status=st))
    with log.open("a") as fh:
        fh.write('{"run_id": "e", "started_at": "2025-01-0')  # a line cut by a kill
    runs = read_log(log, 10)
    assert [(r["run_id"], r["status"]) for r in runs] == [
        ("a", "published"), ("b", "died"), ("c", "skipped"), ("d", "died")]
    # While a build runs, the newest `running` record is that build.
    assert read_log(log, 10, build_running=True)[-1]["status"] == "running"
    assert [r["run_id"] for r in read_log(log, 2)] == ["c", "d"]


def test_status_shows_the_last_runs(built_warehouse: Built) -> None:
    proc = run_yrd(built_warehouse.env, "status")
    assert proc.returncode == 0, proc.stderr
    assert "published:" in proc.stdout and "build running now: no" in proc.stdout
    assert "published" in proc.stdout.split("build running now", 1)[1]
    js = run_yrd(built_warehouse.env, "status", "--format", "json")
    runs = json.loads(js.stdout)
    assert runs[-1]["status"] == "published" and runs[-1]["exit"] == 0


def test_status_without_history(tmp_path: Path) -> None:
    proc = run_yrd(isolated_env(tmp_path), "status")
    assert proc.returncode == 0 and "no runs recorded yet" in proc.stdout


# ---- scheduling ----

def test_schedule_prints_a_crontab_line(tmp_path: Path) -> None:
    env = isolated_env(tmp_path)
    proc = run_yrd(env, "schedule", "--at", "03:15")
    assert proc.returncode == 0, proc.stderr
    line = proc.stdout.strip()
    assert line.startswith("15 3 * * * cd ")
    assert f"cd {PROJECT} &&" in line
    assert f"{Path(sys.prefix) / 'bin' / 'yrd'} build >> " in line or "-m yrd.cli build" in line
    assert f"YRD_WAREHOUSE={env['YRD_WAREHOUSE']}" in line
    assert "2>&1" in line and "scheduled-build.log" in line
    assert "[ $rc -eq 75 ]" in line  # 75 (overlap) is not reported as a failure
    assert "flock" not in line  # the build locks itself
    assert line.endswith(f"# yrd-warehouse scheduled build ({PROJECT})")
    assert "%" not in line.replace("\\%", "")


def test_schedule_prints_systemd_units(tmp_path: Path) -> None:
    proc = run_yrd(isolated_env(tmp_path), "schedule", "--systemd", "--at", "1:05")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "yrd-build.service" in out and "yrd-build.timer" in out
    assert "Type=oneshot" in out and f"WorkingDirectory={PROJECT}" in out
    assert "ExecStart=" in out and " build" in out
    assert "SuccessExitStatus=75" in out
    assert "OnCalendar=*-*-* 01:05:00" in out and "Persistent=true" in out
    assert "WantedBy=timers.target" in out


@pytest.mark.parametrize("at", ["25:00", "7", "noon", "12:60"])
def test_schedule_rejects_bad_times(tmp_path: Path, at: str) -> None:
    proc = run_yrd(isolated_env(tmp_path), "schedule", "--at", at)
    assert proc.returncode == 1 and "HH:MM" in proc.stderr


FAKE_CRONTAB = """#!/bin/sh
# A stand-in for crontab(1): the table lives in $CRONTAB_FILE.
if [ "$1" = "-l" ]; then
  [ -f "$CRONTAB_FILE" ] || { echo "no crontab for $USER" >&2; exit 1; }
  cat "$CRONTAB_FILE"
elif [ "$1" = "-" ]; then
  cat > "$CRONTAB_FILE"
fi
"""


def test_schedule_install_cron_replaces_its_own_line_only(tmp_path: Path) -> None:
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "crontab").write_text(FAKE_CRONTAB)
    (bindir / "crontab").chmod(0o755)
    table = tmp_path / "crontab.txt"
    env = isolated_env(tmp_path, PATH=f"{bindir}:/usr/bin:/bin", CRONTAB_FILE=str(table))
    first = run_yrd(env, "schedule", "--install")
    assert first.returncode == 0, first.stderr
    table.write_text("MAILTO=ops@example.org\n0 * * * * echo other job\n"
                     + table.read_text())
    second = run_yrd(env, "schedule", "--install", "--at", "04:45")
    assert second.returncode == 0, second.stderr
    lines = table.read_text().splitlines()
    ours = [ln for ln in lines if "yrd-warehouse scheduled build" in ln]
    assert len(ours) == 1 and ours[0].startswith("45 4 * * * ")
    assert "MAILTO=ops@example.org" in lines and "0 * * * * echo other job" in lines


def test_schedule_install_systemd_writes_units(tmp_path: Path) -> None:
    bindir = tmp_path / "bin"  # no systemctl here: the units are written, not enabled
    bindir.mkdir()
    env = isolated_env(tmp_path, PATH=str(bindir), XDG_CONFIG_HOME=str(tmp_path / "config"))
    proc = run_yrd(env, "schedule", "--systemd", "--install")
    unit_dir = tmp_path / "config" / "systemd" / "user"
    assert (unit_dir / "yrd-build.service").exists() and (unit_dir / "yrd-build.timer").exists()
    assert proc.returncode == 1 and "systemctl --user enable --now yrd-build.timer" in \
        proc.stdout + proc.stderr
