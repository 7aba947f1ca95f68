"""Run dbt in this process (one parse, no extra interpreter start-up)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest import limits
from ingest.config import Settings


@dataclass
class DbtOutcome:
    success: bool
    nodes: list[dict[str, Any]] = field(default_factory=list)
    error: str = ""

    @property
    def failures(self) -> list[dict[str, Any]]:
        return [n for n in self.nodes if n["status"] in ("error", "fail", "runtime error")]


def dbt_env(cfg: Settings) -> None:
    os.environ["YRD_BUILD_DB"] = str(cfg.build_db)
    # The build's memory limit, threads and spill folder, read by profiles.yml.
    os.environ.update(limits.dbt_env(cfg.build_dir))
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")
    os.environ.setdefault("DO_NOT_TRACK", "1")


def file_log_level(args: list[str]) -> list[str]:
    """dbt writes every event to build/logs/dbt.log at debug level unless told otherwise:
    each statement it sends, in full. At info level the file keeps each node's result and
    every error (the compiled SQL is in build/target/run), and the default build spends
    about 5% less time in dbt (measured: docs/scaling.md). dbt's own DBT_LOG_LEVEL_FILE,
    or the flag, still choose (debug brings the statements back)."""
    if "--log-level-file" in args or os.environ.get("DBT_LOG_LEVEL_FILE"):
        return []
    return ["--log-level-file", "info"]


def common_args(cfg: Settings, target: Path | None = None,
                logs: Path | None = None) -> list[str]:
    """The project, profile, target and log folders every dbt call of a build uses."""
    return ["--project-dir", str(cfg.project_root), "--profiles-dir", str(cfg.project_root),
            "--target-path", str(target or cfg.build_dir / "target"),
            "--log-path", str(logs or cfg.build_dir / "logs")]


def run_dbt(
    cfg: Settings, args: list[str], on_node: Callable[[dict[str, Any]], None] | None = None
) -> DbtOutcome:
    dbt_env(cfg)
    from dbt.cli.main import dbtRunner  # heavy import, only when dbt runs

    def callback(event: Any) -> None:
        if on_node and event.info.name in ("LogModelResult", "LogTestResult", "LogSeedResult"):
            data = event.data
            node = getattr(data, "node_info", None)
            on_node({
                "name": getattr(node, "node_name", "") if node else "",
                "status": getattr(data, "status", ""),
                "index": getattr(data, "index", 0),
                "total": getattr(data, "total", 0),
                "seconds": round(float(getattr(data, "execution_time", 0.0)), 3),
            })

    runner = dbtRunner(callbacks=[callback])
    common = common_args(cfg)
    threads = [] if "--threads" in args else ["--threads", str(limits.dbt_threads(cfg.data_dir))]
    res = runner.invoke([*args, *common, *threads, *file_log_level(args), "--quiet"])
    nodes: list[dict[str, Any]] = []
    if res.result is not None and hasattr(res.result, "results"):
        for r in res.result.results:
            nodes.append({
                "unique_id": r.node.unique_id,
                "name": r.node.name,
                "resource_type": str(r.node.resource_type),
                "status": str(r.status),
                "message": r.message or "",
                "failures": r.failures,
                "seconds": round(r.execution_time or 0.0, 3),
            })
    err = "" if res.success else str(res.exception or "dbt reported failures")
    return DbtOutcome(bool(res.success), nodes, err)
