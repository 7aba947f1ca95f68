"""Benchmark 2 (scale) and 4 (analyses latency): a synthetic panel through the real path.

For each size: a fresh copy of the project with the panel in data/observations
(bench/generate.py), then, each step in a process of its own (wall, CPU, peak memory):
ingest → dbt seed → `dbt run` (full) → `dbt test` → quality checks (GX) on all layers;
the floor: `dbt compile` against a copy of the seeded file and the compiled SQL of every
model run directly in DuckDB (bench/floor.py) on that copy; then one new vintage (a
revision of the latest year for every place and indicator: places × indicators rows)
is added and the incremental rebuild (ingest + `dbt run`) is timed against the full one.
On the largest size the example analyses (analyses/*.sql) run read-only: median of runs.
"""

from __future__ import annotations

import shutil
import statistics
import time
from pathlib import Path
from typing import Any

import duckdb

from bench.generate import Panel, add_vintage, generate
from bench.measure import ROOT, Measured, isolated, step
from ingest.limits import limits


def _row(m: Measured, **keep: Any) -> dict[str, Any]:
    r = m.row()
    r["extra"] = {k: v for k, v in r["extra"].items() if k != "models"} | keep
    return r


def bench_size(work: Path, observations: int) -> dict[str, Any]:
    panel = Panel.of_size(observations)
    proj, build = work / "proj", work / "build"
    for p in (proj, build, work / "floor", work / "wh"):
        shutil.rmtree(p, ignore_errors=True)
    t = time.perf_counter()
    gen = generate(proj, panel)
    gen["seconds"] = round(time.perf_counter() - t, 2)
    env = isolated(proj, build, work / "wh" / "yrd.duckdb")
    res: dict[str, Any] = {"observations": panel.observations, "panel": vars(panel),
                           "generated": gen}
    steps: dict[str, Measured] = {}
    lim = limits(build)
    res["limits"] = {"memory_limit": lim.memory_limit, "memory_mb": lim.memory_bytes / 2**20,
                     "threads": lim.threads}
    # The loader's baseline in the same run: every file through the Python readers.
    steps["ingest (Python readers only)"] = step(
        "ingest (Python readers only)", "ingest",
        env={**isolated(proj, work / "build-py", work / "wh" / "py.duckdb"),
             "YRD_LOADER": "python"})
    shutil.rmtree(work / "build-py", ignore_errors=True)
    steps["ingest"] = step("ingest", "ingest", env=env)
    steps["dbt seed"] = step("dbt seed", "dbt", "seed", env=env)

    # The floor's file: the same ingested and seeded data, compiled before any model exists.
    floor_dir = work / "floor"
    floor_dir.mkdir()
    shutil.copy(build / "yrd.duckdb", floor_dir / "yrd.duckdb")
    fenv = isolated(proj, floor_dir, work / "wh" / "floor.duckdb")
    steps["dbt compile"] = step("dbt compile", "dbt", "compile", env=fenv)

    steps["dbt run (full)"] = step("dbt run (full)", "dbt", "run", env=env)
    steps["floor: compiled SQL in DuckDB"] = step(
        "floor: compiled SQL in DuckDB", "floor", str(floor_dir / "target" / "manifest.json"),
        env=fenv)
    steps["dbt test"] = step("dbt test", "dbt", "test", env=env, check=False)
    steps["checks (GX, all layers)"] = step("checks (GX, all layers)", "checks",
                                            "raw,staging,marts", env=env)
    dbt_models = steps["dbt run (full)"].extra.get("models", {})
    floor_models = steps["floor: compiled SQL in DuckDB"].extra.get("models", {})
    slow = sorted(((n, s, floor_models.get(n)) for n, s in dbt_models.items()),
                  key=lambda x: -x[1])[:6]
    res["slowest_models"] = [{"model": n, "dbt_s": s, "floor_s": f} for n, s, f in slow]

    # One new vintage: incremental rebuild against the full one.
    add_vintage(proj, panel)
    steps["incremental: ingest"] = step("incremental: ingest", "ingest", env=env)
    steps["incremental: dbt run"] = step("incremental: dbt run", "dbt", "run", env=env)
    res["steps"] = [_row(m) for m in steps.values()]
    full = steps["ingest"].wall_s + steps["dbt run (full)"].wall_s
    incr = steps["incremental: ingest"].wall_s + steps["incremental: dbt run"].wall_s
    floor = steps["floor: compiled SQL in DuckDB"]
    run_ = steps["dbt run (full)"]
    res["ratios"] = {
        "dbt_run_to_floor_wall": round(run_.wall_s / floor.wall_s, 2),
        "dbt_run_to_floor_cpu": round(run_.cpu_s / floor.cpu_s, 2),
        "dbt_run_to_floor_work": round(run_.extra.get("work_s", run_.wall_s)
                                       / floor.extra.get("work_s", floor.wall_s), 2),
        "incremental_to_full_wall": round(incr / full, 3),
        "incremental_dbt_run_to_full": round(steps["incremental: dbt run"].wall_s
                                             / run_.wall_s, 3),
        "ingest_rows_per_s": round(panel.observations / steps["ingest"].wall_s),
        "ingest_rows_per_cpu_s": round(panel.observations / steps["ingest"].cpu_s),
        "ingest_to_python_readers_wall": round(
            steps["ingest"].wall_s / steps["ingest (Python readers only)"].wall_s, 3),
        "ingest_to_python_readers_cpu": round(
            steps["ingest"].cpu_s / steps["ingest (Python readers only)"].cpu_s, 3),
        "max_peak_mb_to_memory_limit": round(
            max(m.peak_rss_mb for m in steps.values()) / res["limits"]["memory_mb"], 3),
    }
    con = duckdb.connect(str(build / "yrd.duckdb"), read_only=True)
    res["rows"] = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in (
        "raw.observations", "intermediate.int_long_observations", "marts.fct_observations",
        "marts.fct_current_values", "marts.revisions")}
    con.close()
    return res


def bench_analyses(db: Path, repeat: int = 7) -> list[dict[str, Any]]:
    """Benchmark 4: each analysis read-only against the scaled file, median of `repeat`."""
    from yrd.desk.queries import render_analysis

    con = duckdb.connect(str(db), read_only=True)
    out = []
    try:
        for path in sorted((ROOT / "analyses").glob("*.sql")):
            sql, _ = render_analysis(path, con, {"year": 2025})
            times, rows = [], 0
            for _ in range(repeat):
                t = time.perf_counter()
                rows = len(con.execute(sql).fetchall())
                times.append((time.perf_counter() - t) * 1000)
            out.append({"analysis": path.stem, "rows": rows,
                        "median_ms": round(statistics.median(times), 1),
                        "min_ms": round(min(times), 1), "first_ms": round(times[0], 1)})
    finally:
        con.close()
    return out


def bench_scale(work: Path, sizes: list[int], keep: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"benchmark": "scale", "sizes": []}
    for n in sizes:
        d = work / f"n{n}"
        res = bench_size(d, n)
        out["sizes"].append(res)
        if n == max(sizes):
            out["analyses"] = bench_analyses(d / "build" / "yrd.duckdb")
            out["analyses_on"] = res["rows"]
        if not keep:
            shutil.rmtree(d, ignore_errors=True)
    return out
