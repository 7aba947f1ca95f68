"""dbt's parse of the project, on the other core while ingest and the raw checks run.

A build whose dbt code changed since the last one (or the first build in a build
directory) starts `dbt build` with a full parse of the project: about 6 s here, single
threaded, while the machine's second core is idle through ingest and the checks on raw,
which take as long. The parse reads the project's files only, never the build file (dbt
parses while another process holds its write lock), so it can run beside them.

The parse runs in a process of its own, into a folder of its own (`build/parse`); when it
succeeds, its `partial_parse.msgpack` is moved into `build/target`, where `dbt build`
finds it and parses only what changed since (nothing). It is only ever a cache: a parse
that fails, is too slow or is killed leaves dbt to parse by itself, as it always did, and
report any error then. A build whose code is unchanged has a valid cache already and
starts no parse.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from ingest.config import Settings
from yrd.build.dbt_runner import common_args, dbt_env, file_log_level

PARSE_FILE = "partial_parse.msgpack"


def _folder(cfg: Settings) -> Path:
    return cfg.build_dir / "parse"


def start(cfg: Settings) -> subprocess.Popen[bytes] | None:
    """`dbt parse` in a child process; None when it cannot start or there is no other
    core to run it on (dbt parses later, as it always did)."""
    if (os.cpu_count() or 1) < 2:
        return None
    dbt_env(cfg)  # the same profile variables the build's dbt sees: the same parse
    folder = _folder(cfg)
    shutil.rmtree(folder, ignore_errors=True)
    args = common_args(cfg, target=folder / "target", logs=folder / "logs")
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "dbt.cli.main", "parse", *args, *file_log_level([]),
             "--quiet"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        return None


def finish(cfg: Settings, proc: subprocess.Popen[bytes] | None, timeout: float = 120) -> bool:
    """Waits for the parse; True when its result is now where `dbt build` looks for it."""
    if proc is None:
        return False
    try:
        code = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        stop(proc)
        return False
    parsed = _folder(cfg) / "target" / PARSE_FILE
    if code != 0 or not parsed.exists():
        return False
    target = cfg.build_dir / "target"
    target.mkdir(parents=True, exist_ok=True)
    os.replace(parsed, target / PARSE_FILE)
    return True


def stop(proc: subprocess.Popen[bytes] | None) -> None:
    """A build that ends before dbt (a failed ingest, Ctrl-C) does not leave it running."""
    if proc is not None and proc.poll() is None:
        proc.kill()
        proc.wait()
