"""Write–audit–publish with real processes and real files.

One scenario (a module fixture, so its builds run once) plays a bad night:
1. `yrd build` is killed with SIGKILL during ingest, during dbt, during the checks and
   during publish (after the new file is written beside the published one, before the
   rename). After each kill the published warehouse must be byte-for-byte the same and
   answer queries.
2. The inputs change (bad rows of several kinds, see test_bad_inputs.py); reader
   processes query the published file in a loop, one holding it open, one connecting
   afresh each time, while two builds are started together: one builds and publishes,
   holding the bad rows back; the other exits with code 75 ("already running"). The
   readers are never blocked and only ever see the old or the new data, never a mix.
3. `yrd rollback` brings back the version from before the build.
Each test below asserts one of these; a separate build shows a failing check blocks
publishing, and fast tests cover publish/rollback/cleanup on small files.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pytest
from test_bad_inputs import assert_only_valid_rows_published, write_representative_bad_rows
from yrd_testing import (
    PROJECT,
    Built,
    copy_data,
    copy_of,
    isolated_env,
    run_yrd,
    storage_tag_of_file,
    yrd_command,
)

from ingest import limits
from ingest.testhooks import PHASES
from yrd.build.history import read_log
from yrd.build.lock import lock_holder
from yrd.build.publish import (
    READ_ONLY_MODE,
    clean_leftovers,
    list_versions,
    publish,
    rollback,
    temp_files,
)

FINGERPRINT_SQL = ("select count(*), bit_xor(hash(observation_id, value, source_ref)) "
                   "from marts.fct_observations")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def answer(path: Path) -> tuple[int, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return tuple(con.execute(FINGERPRINT_SQL).fetchone())  # type: ignore[return-value]
    finally:
        con.close()


def start_build(env: dict[str, str], **extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(yrd_command("build"), env={**env, **extra}, cwd=PROJECT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def wait_for_marker(proc: subprocess.Popen[str], marker: str, timeout: float = 300) -> str:
    """Read the build's output until `marker`; returns what it printed."""
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        if line is None:
            break
        seen.append(line)
        if marker in line:
            return "".join(seen)
    proc.kill()
    raise AssertionError(f"no {marker!r} within {timeout} s (exit {proc.poll()}):\n"
                         + "".join(seen)[-4000:])


READER = textwrap.dedent("""
    import json, sys, time, duckdb
    path, mode, out, stop = sys.argv[1:5]
    sql = {sql!r}
    # held: one connection opened before the build and kept open, as a notebook would.
    # fresh: a new connection for every query, as `yrd sql` would. (Two processes: within
    # one process DuckDB hands new connections to a file that is open the same instance.)
    held = duckdb.connect(path, read_only=True) if mode == "held" else None
    with open(out, "w") as fh:
        n = 0
        while True:
            rec = {{"t": time.time()}}
            try:
                con = held or duckdb.connect(path, read_only=True)
                try:
                    rec["answer"] = list(con.execute(sql).fetchone())
                finally:
                    if con is not held:
                        con.close()
            except Exception as exc:
                rec["error"] = f"{{type(exc).__name__}}: {{exc}}"
            fh.write(json.dumps(rec) + "\\n")
            fh.flush()
            n += 1
            try:
                open(stop).close()
                if n > 3:
                    break
            except FileNotFoundError:
                pass
            time.sleep(0.02)
""").format(sql=FINGERPRINT_SQL)


@dataclass
class Scenario:
    ws: Built
    baseline_sha: str
    baseline: tuple[int, int]
    after_kill: dict[str, dict[str, Any]] = field(default_factory=dict)
    builds: list[tuple[int, str]] = field(default_factory=list)  # (exit code, output)
    reads: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # mode -> reads
    new: tuple[int, int] | None = None
    leftovers_after: list[Path] = field(default_factory=list)
    version_inodes_after: list[int] = field(default_factory=list)
    published_inode_after: int = 0
    status_json: list[dict[str, Any]] = field(default_factory=list)
    rollback: tuple[int, str] = (0, "")
    bad_rows: set[tuple[str, int]] = field(default_factory=set)
    published_copy: Path | None = None  # the recovery build's warehouse, before rollback
    after_rollback_sha: str = ""


def _kill_at(ws: Built, phase: str) -> dict[str, Any]:
    proc = start_build(ws.env, YRD_TEST_PAUSE_AT=phase)
    out = wait_for_marker(proc, f"YRD-TEST-PAUSED {phase}")
    state: dict[str, Any] = {
        "temp_files_while_paused": [p.name for p in temp_files(ws.warehouse)],
        "versions_while_paused": [p.name for p in list_versions(ws.warehouse)],
        "lock_while_paused": lock_holder(ws.build_dir / "build.lock"),
    }
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    state.update(
        exit=proc.returncode, output=out, sha=sha256(ws.warehouse), answer=answer(ws.warehouse),
        lock_after=lock_holder(ws.build_dir / "build.lock"),
        wal=(ws.build_db.with_name(ws.build_db.name + ".wal")).exists(),
        mode=ws.warehouse.stat().st_mode & 0o777,
    )
    return state


@pytest.fixture(scope="module")
def scenario(built_warehouse: Built, tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    root = tmp_path_factory.mktemp("wap")
    data = copy_data(root / "data")
    # The published file and history of the shared build; a fresh build directory, so
    # the first run really loads files (and is killed in the middle of it).
    ws = copy_of(built_warehouse, root, with_build_dir=False, data_dir=data)
    sc = Scenario(ws, sha256(ws.warehouse), answer(ws.warehouse))

    for phase in PHASES:
        sc.after_kill[phase] = _kill_at(ws, phase)

    # New inputs, so the next build publishes different data: bad rows of several kinds,
    # which it must hold back (test_bad_rows_are_held_back_and_only_valid_rows_are_published).
    sc.bad_rows = write_representative_bad_rows(data)

    stop = root / "stop-readers"
    files = {mode: root / f"reads-{mode}.jsonl" for mode in ("held", "fresh")}
    readers = [subprocess.Popen([sys.executable, "-c", READER, str(ws.warehouse), mode,
                                 str(out), str(stop)], cwd=PROJECT)
               for mode, out in files.items()]
    try:
        deadline = time.monotonic() + 60
        while not all(f.exists() and f.read_text().count("\n") >= 3 for f in files.values()):
            assert all(r.poll() is None for r in readers), "a reader died"
            assert time.monotonic() < deadline, "the readers did not start"
            time.sleep(0.1)
        first, second = start_build(ws.env), start_build(ws.env)
        outs = [p.communicate(timeout=900)[0] for p in (first, second)]
        sc.builds = [(p.returncode, o) for p, o in zip((first, second), outs, strict=True)]
        time.sleep(0.5)  # a few reads of the new file
    finally:
        stop.touch()
        for r in readers:
            try:
                r.wait(timeout=60)
            except subprocess.TimeoutExpired:
                r.kill()
    sc.reads = {mode: [json.loads(line) for line in f.read_text().splitlines()]
                for mode, f in files.items()}
    sc.new = answer(ws.warehouse)
    sc.leftovers_after = temp_files(ws.warehouse)
    sc.version_inodes_after = [p.stat().st_ino for p in list_versions(ws.warehouse)]
    sc.published_inode_after = ws.warehouse.stat().st_ino
    sc.published_copy = root / "published-by-recovery-build.duckdb"
    shutil.copy(ws.warehouse, sc.published_copy)
    status = run_yrd(ws.env, "status", "--last", "20", "--format", "json")
    sc.status_json = json.loads(status.stdout)
    rb = run_yrd(ws.env, "rollback")
    sc.rollback = (rb.returncode, rb.stdout + rb.stderr)
    sc.after_rollback_sha = sha256(ws.warehouse)
    return sc


# ---- 1. kill -9 at each phase ----

@pytest.mark.slow
@pytest.mark.parametrize("phase", PHASES)
def test_kill_9_leaves_the_published_warehouse_intact(scenario: Scenario, phase: str) -> None:
    st = scenario.after_kill[phase]
    assert st["exit"] == -signal.SIGKILL, st["output"][-2000:]
    assert st["sha"] == scenario.baseline_sha, "the published file changed"
    assert st["answer"] == scenario.baseline, "the published file answers differently"
    assert st["lock_while_paused"], "the paused build held the lock"
    assert st["lock_after"] is None, "the lock of a killed build is free at once"
    assert st["mode"] == READ_ONLY_MODE


@pytest.mark.slow
def test_kill_during_publish_happened_between_copy_and_rename(scenario: Scenario) -> None:
    st = scenario.after_kill["publish"]
    assert any(".publishing-" in n for n in st["temp_files_while_paused"]), st
    # The kill left a "version" that is the published file itself: the next publish
    # dropped it, so rollback goes back to a real earlier version.
    assert st["versions_while_paused"]


@pytest.mark.slow
def test_kill_during_ingest_left_a_write_ahead_log_that_the_next_run_replayed(
        scenario: Scenario) -> None:
    assert scenario.after_kill["ingest"]["wal"]
    # The next run (killed in dbt) got past ingest with that file.
    assert "3/5 dbt build" in scenario.after_kill["dbt"]["output"]


@pytest.mark.slow
def test_next_build_after_the_kills_succeeds_and_cleans_up(scenario: Scenario) -> None:
    codes = sorted(code for code, _ in scenario.builds)
    out = "\n".join(o for _, o in scenario.builds)
    assert codes == [0, 75], out[-4000:]
    assert scenario.new != scenario.baseline, "the new inputs were published"
    assert scenario.leftovers_after == [], "a killed publish left a temporary file"
    inodes = scenario.version_inodes_after
    assert inodes, "the file published before is kept as a version"
    assert len(inodes) == len(set(inodes)), "the same file kept twice as a version"
    assert scenario.published_inode_after not in inodes


@pytest.mark.slow
def test_two_builds_started_together_one_exits_already_running(scenario: Scenario) -> None:
    (loser_code, loser_out), = [(c, o) for c, o in scenario.builds if c != 0]
    assert loser_code == 75
    assert "already running" in loser_out and "changes nothing" in loser_out
    skipped = [r for r in scenario.status_json if r["status"] == "skipped"]
    assert skipped and skipped[-1]["exit"] == 75


@pytest.mark.slow
def test_reader_is_never_blocked_and_never_sees_partial_data(scenario: Scenario) -> None:
    old, new = scenario.baseline, tuple(scenario.new or ())
    for mode, reads in scenario.reads.items():
        assert [r["error"] for r in reads if "error" in r] == [], mode
        assert len(reads) > 20, f"{mode}: the reader kept querying during the build"
    # The connection held open keeps its consistent view of the file it opened.
    assert {tuple(r["answer"]) for r in scenario.reads["held"]} == {old}
    # New connections get the old file, then the new one; nothing else, no way back.
    fresh = [tuple(r["answer"]) for r in scenario.reads["fresh"]]
    assert set(fresh) <= {old, new}
    switch = fresh.index(new) if new in fresh else len(fresh)
    assert fresh[:switch] == [old] * switch and fresh[switch:] == [new] * (len(fresh) - switch)
    assert switch < len(fresh), "a new reader got the new file after the publish"


@pytest.mark.slow
def test_bad_rows_are_held_back_and_only_valid_rows_are_published(scenario: Scenario) -> None:
    out = next(o for c, o in scenario.builds if c == 0)
    assert "rows quarantined in this load" in out
    assert scenario.published_copy is not None
    gdp_file = str((scenario.ws.data_dir / "yearbook" / "city_gdp.csv").resolve())
    assert_only_valid_rows_published(scenario.published_copy, scenario.bad_rows, gdp_file)


@pytest.mark.slow
def test_history_shows_the_killed_runs_and_the_published_one(scenario: Scenario) -> None:
    statuses = [r["status"] for r in scenario.status_json]
    assert statuses.count("died") >= len(PHASES), statuses
    assert "published" in statuses
    died = [r for r in scenario.status_json if r["status"] == "died"]
    assert all("killed" in r["message"] for r in died)


@pytest.mark.slow
def test_rollback_restores_the_previous_version(scenario: Scenario) -> None:
    code, out = scenario.rollback
    assert code == 0, out
    assert scenario.after_rollback_sha == scenario.baseline_sha
    log = read_log(scenario.ws.history_log, 50)
    assert log[-1]["status"] == "rolled back"


# ---- a build whose marts fail a blocking check is not published ----

@pytest.mark.slow
def test_failing_mart_check_blocks_publishing_and_history_says_why(
        built_warehouse: Built, tmp_path: Path) -> None:
    """A blocking check is for what is wrong with the build itself, never for a bad row
    of an input (that is quarantined, see test_bad_inputs.py). Here the build is wrong: a
    project copy whose fct_observations model flips the sign of retail sales, so money
    levels come out negative; the marts check `fct_observations_money_levels` (severity
    error) blocks publishing."""
    from bench.generate import copy_project

    project = copy_project(tmp_path / "project")
    model = project / "models" / "marts" / "fct_observations.sql"
    text = model.read_text(encoding="utf-8")
    assert text.rstrip().endswith("select * from final")
    model.write_text(text.rstrip()[: -len("select * from final")]
                     + "select * replace (case when indicator = 'retail_sales' and unit = "
                     "'CNY' then -value else value end as value) from final\n", encoding="utf-8")
    data = project / "data"
    ws = copy_of(built_warehouse, tmp_path / "ws", with_build_dir=False, data_dir=data)
    ws.env["YRD_PROJECT_ROOT"] = str(project)
    before = sha256(ws.warehouse)
    proc = run_yrd(ws.env, "build")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 3, "expected the GX marts check to block it:\n" + out[-4000:]
    assert "the published warehouse is unchanged" in out
    assert sha256(ws.warehouse) == before
    assert temp_files(ws.warehouse) == []
    con = duckdb.connect(str(ws.build_db), read_only=True)
    try:
        run = con.execute("select status, exit_code, checks_failed, message "
                          "from meta.build_runs order by started_at desc limit 1").fetchone()
        failed_checks = con.execute(
            "select suite from meta.quality_results where not success and severity = 'error'"
        ).fetchall()
    finally:
        con.close()
    assert run[0] == "failed" and run[1] == 3 and run[2] >= 1
    assert "blocking checks failed" in run[3] and "fct_observations_money_levels" in run[3]
    assert ("fct_observations_money_levels",) in failed_checks
    last = read_log(ws.history_log, 1)[-1]
    assert (last["status"], last["exit_code"]) == ("failed", 3)
    assert "fct_observations_money_levels" in last["message"]
    assert last["checks_failed"] == run[2]
    status = run_yrd(ws.env, "status")
    assert "failed" in status.stdout and "blocking checks failed" in status.stdout


# ---- publish, rollback and cleanup on small files (no build) ----

def _db(path: Path, value: int) -> Path:
    con = duckdb.connect(str(path))
    con.execute("create schema marts; create table marts.fct_observations as "
                f"select {value} as v")
    con.close()
    return path


def _value(path: Path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("select v from marts.fct_observations").fetchone()[0]
    finally:
        con.close()


def test_publish_keeps_versions_as_hard_links_and_prunes(tmp_path: Path) -> None:
    wh = tmp_path / "wh" / "yrd.duckdb"
    for v in range(1, 6):
        publish(_db(tmp_path / f"b{v}.duckdb", v), wh, keep=3)
        assert _value(wh) == v
        assert wh.stat().st_mode & 0o777 == READ_ONLY_MODE
    versions = list_versions(wh)
    assert [_value(p) for p in versions] == [2, 3, 4]
    assert all(p.stat().st_nlink == 1 for p in versions)  # pruned links freed the rest
    assert temp_files(wh) == []
    restored = rollback(wh)
    assert _value(wh) == 4 and not restored.exists()
    assert [_value(p) for p in list_versions(wh)] == [2, 3]


def test_publish_refuses_a_file_without_marts_and_changes_nothing(tmp_path: Path) -> None:
    wh = tmp_path / "wh" / "yrd.duckdb"
    publish(_db(tmp_path / "good.duckdb", 1), wh)
    before = sha256(wh)
    broken = tmp_path / "broken.duckdb"
    duckdb.connect(str(broken)).close()
    with pytest.raises(duckdb.CatalogException):
        publish(broken, wh)
    assert sha256(wh) == before and temp_files(wh) == [] and list_versions(wh) == []


def test_leftovers_of_a_killed_publish_are_cleaned(tmp_path: Path) -> None:
    wh = tmp_path / "wh" / "yrd.duckdb"
    publish(_db(tmp_path / "a.duckdb", 1), wh)
    stale = wh.with_name(f".{wh.name}.publishing-99999")
    shutil.copy(wh, stale)
    (wh.parent / "versions").mkdir()
    dup = wh.parent / "versions" / "yrd-20000101T000000000000Z.duckdb"
    os.link(wh, dup)  # killed between linking the old file and the rename
    removed = clean_leftovers(wh)
    assert set(removed) == {stale, dup}
    assert _value(wh) == 1


def test_publish_copies_a_build_file_in_the_readers_format_and_converts_any_other(
        tmp_path: Path) -> None:
    """A build file opened by the build (limits.connect) is created in the published
    file's storage format, and publishing it copies its bytes; a file in DuckDB's own
    format (a bare `dbt` run creates one) is rewritten into that format."""
    build = tmp_path / "build" / "yrd.duckdb"
    con = limits.connect(build, tmp_path / "build")
    con.execute("create schema marts; create table marts.fct_observations as select 7 as v")
    con.close()
    native = _db(tmp_path / "native.duckdb", 8)
    probe = tmp_path / "probe.duckdb"
    con = duckdb.connect()
    con.execute(f"attach '{probe}' as p (storage_version '{limits.STORAGE_VERSION}')")
    readers = limits.storage_tag(con, "p")
    con.close()
    assert storage_tag_of_file(native) != readers  # else the second half below proves nothing
    assert storage_tag_of_file(build) == readers

    wh = tmp_path / "wh" / "yrd.duckdb"
    publish(build, wh)
    assert sha256(wh) == sha256(build) and _value(wh) == 7
    publish(native, wh)
    assert storage_tag_of_file(wh) == readers and _value(wh) == 8


def test_rollback_without_versions_says_so(tmp_path: Path) -> None:
    env = isolated_env(tmp_path)
    wh = Path(env["YRD_WAREHOUSE"])
    wh.parent.mkdir(parents=True)
    publish(_db(tmp_path / "a.duckdb", 1), wh)
    proc = run_yrd(env, "rollback")
    assert proc.returncode == 1 and "no earlier version" in proc.stderr
