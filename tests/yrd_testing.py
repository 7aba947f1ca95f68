"""Helpers for tests that run real builds: isolated environments, `yrd` subprocesses,
copies of the data and of a built warehouse. (A module with its own name: `conftest`
is ambiguous once tests/documents has one too.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
DATA = PROJECT / "data"


@dataclass
class Built:
    root: Path  # the temporary directory that holds everything below
    build_dir: Path
    build_db: Path
    warehouse: Path
    data_dir: Path
    env: dict[str, str] = field(default_factory=dict)  # full environment for subprocesses
    output: str = ""  # what `yrd build` printed

    @property
    def history_log(self) -> Path:
        return self.warehouse.with_name(self.warehouse.stem + ".runs.jsonl")


def isolated_env(root: Path, data_dir: Path | None = None, **extra: str) -> dict[str, str]:
    """An environment whose builds never touch the project's build/ or warehouse/."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("YRD_")}
    env.update(
        YRD_BUILD_DIR=str(root / "build"),
        YRD_WAREHOUSE=str(root / "warehouse" / "yrd.duckdb"),
        YRD_DATA_DIR=str(data_dir or DATA),
        DBT_SEND_ANONYMOUS_USAGE_STATS="False",
        DO_NOT_TRACK="1",
        GX_ANALYTICS_ENABLED="False",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def yrd_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "yrd.cli", *args]


def run_yrd(env: dict[str, str], *args: str, timeout: float = 600,
            input: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(yrd_command(*args), env=env, cwd=PROJECT, capture_output=True,
                          text=True, timeout=timeout, input=input, check=False)


def copy_data(dest: Path) -> Path:
    """A private copy of the shipped data files (for tests that change them)."""
    shutil.copytree(DATA, dest, ignore=shutil.ignore_patterns(".*"))
    return dest


def copy_of(built: Built, root: Path, *, with_build_dir: bool = True,
            data_dir: Path | None = None) -> Built:
    """A private, writable copy of a built warehouse (published file, history, versions
    and, by default, the build directory so the next build is incremental)."""
    (root / "warehouse").mkdir(parents=True)
    shutil.copy2(built.warehouse, root / "warehouse" / built.warehouse.name)
    if built.history_log.exists():
        shutil.copy2(built.history_log, root / "warehouse" / built.history_log.name)
    if with_build_dir:
        shutil.copytree(built.build_dir, root / "build",
                        ignore=shutil.ignore_patterns("target", "logs", "build.lock"))
    env = isolated_env(root, data_dir or built.data_dir)
    return Built(root, root / "build", root / "build" / "yrd.duckdb",
                 root / "warehouse" / "yrd.duckdb", data_dir or built.data_dir, env)


def storage_tag_of_file(path: Path) -> str:
    """The storage format DuckDB reports for a database file (opened read-only)."""
    import duckdb

    from ingest import limits

    con = duckdb.connect()
    try:
        con.execute(f"attach '{path}' as f (read_only)")
        return limits.storage_tag(con, "f")
    finally:
        con.close()
