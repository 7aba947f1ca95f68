"""Shared fixtures.

`built_warehouse` runs one real `yrd build` (a subprocess, like cron would) into a
temporary directory, once per test session, and hands out where everything is
(`.build_dir`, `.build_db`, `.warehouse`, `.history_log`, `.data_dir`, `.env` for
subprocesses, `.output`). Tests must treat it as read-only: to change anything, copy it
first (`yrd_testing.copy_of`).
"""

from __future__ import annotations

import pytest
from yrd_testing import DATA, Built, isolated_env, run_yrd


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """One full `yrd build` of the shipped data into a temporary directory."""
    root = tmp_path_factory.mktemp("built")
    env = isolated_env(root)
    proc = run_yrd(env, "build")
    built = Built(root, root / "build", root / "build" / "yrd.duckdb",
                  root / "warehouse" / "yrd.duckdb", DATA, env, proc.stdout + proc.stderr)
    if proc.returncode != 0 or not built.warehouse.exists():
        pytest.fail(f"the shared build failed (exit {proc.returncode}):\n"
                    f"{built.output[-6000:]}", pytrace=False)
    return built
