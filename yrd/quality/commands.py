"""`yrd check`: the quality suites on the build file, without building."""

from __future__ import annotations

import argparse
from typing import Any

from ingest.config import settings
from yrd import ui


def cmd_check(args: argparse.Namespace) -> int:
    from yrd.quality.runner import run_layers, summarize

    cfg = settings()
    if not cfg.build_db.exists():
        ui.error(f"{cfg.build_db}: nothing built yet; run `yrd build` first")
        return 1
    layers = [args.layer] if args.layer else ["raw", "staging", "marts"]
    from datetime import UTC, datetime

    results = run_layers(cfg, "check-" + datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"), layers,
                         progress=ui.info, persist=False)
    summarize(results, ui, max_rows=args.rows)
    return 1 if any(not r.success and r.severity == "error" for r in results) else 0


def add_check(sub: Any) -> None:
    c = sub.add_parser("check", help="run the quality suites on the build file")
    c.add_argument("layer", nargs="?", choices=["raw", "staging", "marts"])
    c.add_argument("--rows", type=int, default=5, help="sample rows to print per finding")
    c.set_defaults(func=cmd_check)
