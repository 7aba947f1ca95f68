"""Run history: meta.build_runs in the build file (published with it) and a JSON-lines
log beside the published warehouse that also keeps runs that were never published."""

from __future__ import annotations

import hashlib
import json
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import duckdb


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
    hashes: dict[str, str] = {}
    for d in dirs:
        if not d.exists():
            continue
        for p in sorted(d.rglob("*")):
            if p.is_file() and not p.name.startswith("."):
                try:
                    key = str(p.relative_to(root))
                except ValueError:
                    key = str(p)
                hashes[key] = hashlib.sha256(p.read_bytes()).hexdigest()
    return hashes


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
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(asdict(rec), ensure_ascii=False) + "\n")


def read_log(path: Path, last: int = 10) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines[-last:]:
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # a line cut by a killed run
    return out
