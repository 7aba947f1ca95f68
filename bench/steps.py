"""One step of `yrd build` per process, so the benchmark can measure each step's time and
peak memory on its own (`yrd build` runs them all in one process).

    python -m bench.steps ingest|checks RAW,STAGING,…|dbt ARGS…|publish|floor MANIFEST
                          |load-floor [lines]|sql FILE

The last line printed is JSON: how long the imports took and how long the work took."""

from __future__ import annotations

import json
import sys
import time
import uuid
from pathlib import Path

T0 = time.perf_counter()


def main(argv: list[str]) -> int:
    what, args = argv[0], argv[1:]
    from ingest.config import settings

    cfg = settings()
    cfg.build_dir.mkdir(parents=True, exist_ok=True)
    info: dict[str, object] = {}
    if what == "ingest":
        from ingest import limits
        from ingest.run_ingest import run_ingest

        t_import = time.perf_counter()
        con = limits.connect(cfg.build_db, cfg.build_dir)
        report = run_ingest(con, cfg, force="--force" in args)
        con.close()
        info = {"rows_loaded": report.loaded, "quarantined": report.quarantined,
                "failed_loads": len(report.failed),
                "loaded_files": sum(1 for r in report.results if r.status == "loaded"),
                "unchanged_files": sum(1 for r in report.results if r.status == "unchanged")}
        if report.failed:
            print("; ".join(p for r in report.failed for p in r.problems)[:2000])
    elif what == "checks":
        from yrd.quality import runner

        runner._Gx.get()  # the import of GX, timed apart from the checks
        t_import = time.perf_counter()
        results = runner.run_layers(cfg, "bench-" + uuid.uuid4().hex[:6], args[0].split(","))
        # A warning that fails is a data finding (it never blocks publishing); only an
        # error that fails would block it.
        info = {"checks": len(results),
                "blocking": sum(1 for r in results if not r.success and r.severity == "error"),
                "findings": sum(1 for r in results if not r.success and r.severity != "error")}
    elif what == "dbt":
        from dbt.cli.main import dbtRunner  # noqa: F401  (the import, timed apart)

        from ingest.limits import dbt_threads
        from yrd.build.dbt_runner import run_dbt

        t_import = time.perf_counter()
        info["dbt_threads"] = dbt_threads(cfg.data_dir)
        outcome = run_dbt(cfg, args)
        kinds: dict[str, int] = {}
        secs: dict[str, float] = {}
        for n in outcome.nodes:
            kinds[n["resource_type"]] = kinds.get(n["resource_type"], 0) + 1
            secs[n["resource_type"]] = secs.get(n["resource_type"], 0.0) + n["seconds"]
        info = {**info, "nodes": kinds, "node_seconds": {k: round(v, 2) for k, v in secs.items()},
                "success": outcome.success, "failures": [n["name"] for n in outcome.failures],
                "models": {n["name"]: n["seconds"] for n in outcome.nodes
                           if n["resource_type"] == "model"}}
        if not outcome.success:
            print(outcome.error[:2000])
    elif what == "publish":
        from yrd.build.publish import publish

        t_import = time.perf_counter()
        publish(cfg.build_db, cfg.warehouse)
    elif what == "floor":
        from bench.floor import run_floor

        t_import = time.perf_counter()
        info = run_floor(cfg.build_db, Path(args[0]))
    elif what == "load-floor":
        from bench.load_floor import run_load_floor

        t_import = time.perf_counter()
        info = run_load_floor(cfg.build_db, cfg.data_dir, lines="lines" in args)
    else:
        raise SystemExit(f"unknown step {what}")
    done = time.perf_counter()
    print(json.dumps({"import_s": round(t_import - T0, 3), "work_s": round(done - t_import, 3),
                      **info}))
    return 0 if info.get("success", True) and not info.get("failed_loads") else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
