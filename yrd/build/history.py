"""Run history: meta.build_runs in the build file (published with it) and a JSON-lines
log beside the published warehouse that also keeps runs that were never published.

When the warehouse folder cannot be written (a read-only mount, a full disk), the log
line goes to the build directory's `logs/runs.jsonl` instead, and `yrd status` reads
both: a run is never recorded nowhere."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from ingest.ledger import file_hashes


@dataclass
class RunRecord:
    run_id: str
    started_at: str
    finished_at: str = ""
    status: str = "running"
    exit_code: int | None = None
    message: str = ""
    code_version: str = ""
    step_seconds: dict[str, float] = field(default_factory=dict)
    rows_per_model: dict[str, int] = field(default_factory=dict)
    rows_per_layer: dict[str, int] = field(default_factory=dict)
    checks_passed: int = 0
    checks_failed: int = 0
    checks_warned: int = 0
    quarantined_rows: int = 0
    input_hashes: dict[str, str] = field(default_factory=dict)
    warehouse: str = ""


def code_version(root: Path) -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "describe", "--always", "--dirty"],
            capture_output=True, text=True, timeout=5, check=False,
        )
        if out.returncode == 0 and out.stdout.strip():
            return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return "unknown"


def input_hashes(root: Path, dirs: list[Path]) -> dict[str, str]:
    files: dict[str, Path] = {}
    for d in dirs:
        if not d.exists():
            continue
        for p in sorted(d.rglob("*")):
            if p.is_file() and not p.name.startswith("."):
                try:
                    key = str(p.relative_to(root))
                except ValueError:
                    key = str(p)
                files[key] = p
    hashes = file_hashes(files.values())
    return {key: hashes[p] for key, p in files.items()}


BUILD_RUNS_DDL = """
create schema if not exists meta;
create table if not exists meta.build_runs (
    run_id varchar primary key, started_at timestamp, finished_at timestamp, status varchar,
    exit_code integer, message varchar, code_version varchar, step_seconds json,
    rows_per_model json, rows_per_layer json, checks_passed integer, checks_failed integer,
    checks_warned integer, quarantined_rows integer, input_hashes json, warehouse varchar
);
"""


def record_in_db(con: duckdb.DuckDBPyConnection, rec: RunRecord) -> None:
    con.execute(BUILD_RUNS_DDL)
    con.execute("delete from meta.build_runs where run_id = ?", [rec.run_id])
    con.execute(
        "insert into meta.build_runs values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [rec.run_id, rec.started_at, rec.finished_at or None, rec.status, rec.exit_code,
         rec.message, rec.code_version, json.dumps(rec.step_seconds),
         json.dumps(rec.rows_per_model), json.dumps(rec.rows_per_layer), rec.checks_passed,
         rec.checks_failed, rec.checks_warned, rec.quarantined_rows,
         json.dumps(rec.input_hashes), rec.warehouse],
    )


def append_log(path: Path, rec: RunRecord) -> None:
    """One line per event of a run (start, end); one write() on an O_APPEND file, so
    lines of concurrent runs (a skipped overlapping run) never interleave."""
    path.parent.mkdir(parents=True, exist_ok=True)
    line = (json.dumps(asdict(rec), ensure_ascii=False) + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        os.write(fd, line)
    finally:
        os.close(fd)


def fallback_log(build_dir: Path) -> Path:
    """Where runs are logged when the log beside the warehouse cannot be written."""
    return build_dir / "logs" / "runs.jsonl"


def append_log_or_fallback(path: Path, fallback: Path, rec: RunRecord) -> tuple[Path, str]:
    """Append to `path`, else to `fallback`; returns where it went and why not `path`
    ("" when it went there). Raises only if neither can be written."""
    try:
        append_log(path, rec)
        return path, ""
    except OSError as exc:
        append_log(fallback, rec)
        return fallback, f"{exc.strerror or exc}: {exc.filename or path}"


DIED = "died"  # shown for a run whose last record says running while no build holds the lock


def read_log(path: Path | Sequence[Path], last: int = 10,
             build_running: bool = False) -> list[dict[str, Any]]:
    """The last runs, one entry per run (its latest record), oldest first; from one log
    or several (the log beside the warehouse and the fallback in the build directory).

    A run has a `running` record when it starts and a final one when it ends; a run
    killed in between (kill -9, power cut) keeps only the first, and is shown as
    `died` unless a build is running right now (it is that build)."""
    lines: list[str] = []
    for p in [path] if isinstance(path, Path) else path:
        if p.exists():
            lines += p.read_text(encoding="utf-8", errors="replace").splitlines()
    runs: dict[str, dict[str, Any]] = {}
    for line in lines:
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            continue  # a line cut by a killed run
        if isinstance(rec, dict) and "run_id" in rec:
            old = runs.get(rec["run_id"])
            # One run may have logged to both files: its end record wins over "running".
            if old is None or old.get("status") == "running" or rec.get("status") != "running":
                runs[rec["run_id"]] = rec
    out = sorted(runs.values(), key=lambda r: str(r.get("started_at", "")))
    newest_running = max((i for i, r in enumerate(out) if r.get("status") == "running"),
                         default=None)
    for i, r in enumerate(out):
        if r.get("status") == "running" and not (build_running and i == newest_running):
            r["status"] = DIED
            r["message"] = r.get("message") or "no end record: the run was killed or crashed"
    return out[-last:] if last > 0 else out
