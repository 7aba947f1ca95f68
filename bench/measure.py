"""Run a command in a child process and measure it: wall time, CPU time (user + system)
and peak resident memory, all from the kernel's accounting of that one child (os.wait4),
so a busy shared machine inflates wall time but not CPU time or memory."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


@dataclass
class Measured:
    name: str
    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    returncode: int
    output: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def row(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("output")
        return d


def run(name: str, cmd: list[str], env: dict[str, str] | None = None,
        cwd: Path | None = None, check: bool = True) -> Measured:
    """Run cmd to the end; its last stdout line, if JSON, lands in `extra`."""
    full_env = {**os.environ, **(env or {})}
    full_env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")
    full_env.setdefault("DO_NOT_TRACK", "1")
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=full_env, cwd=cwd or ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    extra: dict[str, Any] = {}
    lines = out.strip().splitlines()
    if lines and lines[-1].startswith("{"):
        with contextlib.suppress(json.JSONDecodeError):
            extra = json.loads(lines[-1])
    m = Measured(name, round(wall, 3), round(usage.ru_utime + usage.ru_stime, 3),
                 round(usage.ru_maxrss / 1024, 1), proc.returncode, out, extra)
    if check and proc.returncode != 0:
        raise RuntimeError(f"{name} failed (exit {proc.returncode}): {' '.join(cmd)}\n"
                           + out[-4000:])
    return m


def step(name: str, *args: str, env: dict[str, str] | None = None,
         check: bool = True) -> Measured:
    """One step of the build in its own process (bench/steps.py)."""
    return run(name, [PYTHON, "-m", "bench.steps", *args], env=env, check=check)


def isolated(project: Path, build_dir: Path, warehouse: Path,
             data_dir: Path | None = None) -> dict[str, str]:
    return {
        "YRD_PROJECT_ROOT": str(project),
        "YRD_DATA_DIR": str(data_dir or project / "data"),
        "YRD_BUILD_DIR": str(build_dir),
        "YRD_BUILD_DB": str(build_dir / "yrd.duckdb"),
        "YRD_WAREHOUSE": str(warehouse),
    }


def machine() -> dict[str, Any]:
    return {"cpus": os.cpu_count(), "load_average": [round(x, 2) for x in os.getloadavg()],
            "python": sys.version.split()[0]}
