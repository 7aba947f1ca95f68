"""The series-incremental chain at scale: a full `dbt run`, then one new vintage (a
revision of the latest year for every place and indicator) and an incremental `dbt run`,
then `dbt run --full-refresh` on the same inputs; each its own process (bench/measure.py).
Reports the incremental/full ratios, the per-model times and whether every table of the
incremental build equals the full refresh's (bench/digest.py).

    python -m bench.bench_incremental --observations 3000000 --work /tmp/yrd-incr
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path
from typing import Any

from bench.digest import digests
from bench.generate import Panel, add_vintage, generate
from bench.measure import Measured, isolated, machine, step


def _models(m: Measured) -> dict[str, float]:
    return {k: round(v, 2) for k, v in sorted(m.extra.get("models", {}).items(),
                                              key=lambda kv: -kv[1])}


def bench_incremental(work: Path, observations: int) -> dict[str, Any]:
    panel = Panel.of_size(observations)
    proj, build = work / "proj", work / "build"
    for p in (proj, build, work / "wh"):
        shutil.rmtree(p, ignore_errors=True)
    generate(proj, panel)
    env = isolated(proj, build, work / "wh" / "yrd.duckdb")
    db = str(build / "yrd.duckdb")
    steps: dict[str, Measured] = {}
    steps["ingest"] = step("ingest", "ingest", env=env)
    steps["dbt seed"] = step("dbt seed", "dbt", "seed", env=env)
    steps["dbt run (full)"] = step("dbt run (full)", "dbt", "run", env=env)
    add_vintage(proj, panel)
    steps["incremental: ingest"] = step("incremental: ingest", "ingest", env=env)
    steps["incremental: dbt run"] = step("incremental: dbt run", "dbt", "run", env=env)
    incremental = digests(db)
    steps["dbt run --full-refresh (same inputs)"] = step(
        "dbt run --full-refresh (same inputs)", "dbt", "run", "--full-refresh", env=env)
    full = digests(db)
    run_full = steps["dbt run (full)"]
    run_incr = steps["incremental: dbt run"]
    run_same = steps["dbt run --full-refresh (same inputs)"]
    return {
        "benchmark": "incremental", "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": machine(), "observations": panel.observations, "panel": vars(panel),
        "steps": [{"name": m.name, "wall_s": m.wall_s, "cpu_s": m.cpu_s,
                   "peak_rss_mb": m.peak_rss_mb, "work_s": m.extra.get("work_s")}
                  for m in steps.values()],
        "ratios": {
            "incremental_dbt_run_to_full_wall": round(run_incr.wall_s / run_full.wall_s, 3),
            "incremental_dbt_run_to_full_cpu": round(run_incr.cpu_s / run_full.cpu_s, 3),
            "incremental_dbt_run_to_full_refresh_wall": round(run_incr.wall_s / run_same.wall_s, 3),
            "incremental_dbt_run_to_full_work": round(
                run_incr.extra["work_s"] / run_full.extra["work_s"], 3),
        },
        "models": {"full": _models(run_full), "incremental": _models(run_incr),
                   "full_refresh_same_inputs": _models(run_same)},
        "tables_compared": len(full),
        "tables_differing": sorted(t for t in full if incremental.get(t) != full[t]),
        "rows": {t: full[t][0] for t in ("marts.fct_observations", "marts.fct_current_values",
                                         "marts.revisions", "marts.coverage")},
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--observations", type=int, default=3_000_000)
    ap.add_argument("--work", type=Path, default=Path("/tmp/yrd-bench-incremental"))
    ap.add_argument("--out", type=Path, default=None, help="write the result JSON here")
    args = ap.parse_args(argv)
    res = bench_incremental(args.work, args.observations)
    text = json.dumps(res, indent=1)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
