"""Benchmark 2 (scale) and 4 (analyses latency): a synthetic panel through the real path.

For each size: a fresh copy of the project with the panel in data/observations
(bench/generate.py), then, each step in a process of its own (wall, CPU, peak memory):
ingest → the loader's floor (bench/load_floor.py: DuckDB's CSV reader into a table, in a
file of its own) → dbt seed → `dbt run` (full) → `dbt test` → quality checks (GX);
the floor: `dbt compile` against a copy of the seeded file and the compiled SQL of every
model run directly in DuckDB (bench/floor.py) on that copy; then one new vintage (a
revision of the latest year for every place and indicator: places × indicators rows)
is added and the incremental rebuild (ingest + `dbt run`) is timed against the full one.
On the largest size the example analyses (analyses/*.sql) run read-only: median of runs.

Lean above LEAN_ABOVE observations: the Python-readers-only ingest baseline and the floor
(`dbt compile` + bench/floor.py) are skipped (together they cost about as much as the
steps they are compared with, which a 27M run on a shared 2-core machine cannot afford),
and the incremental rebuild runs right after the full `dbt run`, before `dbt test` and the
checks, so the issue's criteria (peak memory, incremental/full, rows/s) come first. The
result says which steps were skipped. Every step is also appended, as soon as it ends, to
bench/results/scale-steps-<time>.jsonl, so a run stopped part-way keeps what it measured.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import time
from pathlib import Path
from typing import Any

import duckdb

from bench.generate import Panel, add_vintage, generate
from bench.measure import ROOT, Measured, isolated, step
from bench.summary import _n
from ingest.limits import limits

LEAN_ABOVE = 10_000_000
PROGRESS = ROOT / "bench" / "results" / f"scale-steps-{time.strftime('%Y%m%d-%H%M%S')}.jsonl"


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
    lean = panel.observations > LEAN_ABOVE
    if lean:
        res["skipped"] = {
            "steps": ["ingest (Python readers only)", "dbt compile",
                      "floor: compiled SQL in DuckDB"],
            "why": f"lean mode above {LEAN_ABOVE:,} observations (bench/bench_scale.py)",
            "order": "incremental ingest + dbt run before dbt test and the checks"}

    def measure(name: str, *args: str, env: dict[str, str], check: bool = True) -> None:
        # Written as soon as the step ends (failed or not): a run stopped later keeps it.
        print(f"{time.strftime('%H:%M:%S')} {_n(panel.observations)}: {name}", flush=True)
        m = steps[name] = step(name, *args, env=env, check=False)
        PROGRESS.parent.mkdir(parents=True, exist_ok=True)
        with PROGRESS.open("a", encoding="utf-8") as f:
            f.write(json.dumps({"observations": panel.observations, "lean": lean,
                                "limits": res["limits"], "when": time.strftime("%H:%M:%S"),
                                "load_average": [round(x, 2) for x in os.getloadavg()],
                                **_row(m)}) + "\n")
        if check and m.returncode != 0:
            raise RuntimeError(f"{name} failed (exit {m.returncode})\n{m.output[-4000:]}")

    def incremental() -> None:
        # One new vintage: incremental rebuild against the full one.
        add_vintage(proj, panel)
        measure("incremental: ingest", "ingest", env=env)
        measure("incremental: dbt run", "dbt", "run", env=env)

    if not lean:
        # The loader's baseline in the same run: every file through the Python readers.
        measure("ingest (Python readers only)", "ingest",
                env={**isolated(proj, work / "build-py", work / "wh" / "py.duckdb"),
                     "YRD_LOADER": "python"})
        shutil.rmtree(work / "build-py", ignore_errors=True)
    measure("ingest", "ingest", env=env)
    # The loader's floor in the same run: DuckDB's CSV reader into a table, nothing else.
    measure("floor: DuckDB read_csv into a table", "load-floor",
            env=isolated(proj, work / "build-floor", work / "wh" / "load-floor.duckdb"))
    shutil.rmtree(work / "build-floor", ignore_errors=True)
    measure("dbt seed", "dbt", "seed", env=env)

    floor_dir = work / "floor"
    fenv = isolated(proj, floor_dir, work / "wh" / "floor.duckdb")
    if not lean:
        # The floor's file: the same ingested and seeded data, compiled before any model.
        floor_dir.mkdir()
        shutil.copy(build / "yrd.duckdb", floor_dir / "yrd.duckdb")
        measure("dbt compile", "dbt", "compile", env=fenv)

    measure("dbt run (full)", "dbt", "run", env=env)
    if lean:
        incremental()
    else:
        measure("floor: compiled SQL in DuckDB", "floor",
                str(floor_dir / "target" / "manifest.json"), env=fenv)
    measure("dbt test", "dbt", "test", env=env, check=False)
    measure("checks (GX, all layers)", "checks", "raw,staging,marts", env=env)
    # The copy readers get (a copy of the build file's bytes when it is in the published
    # storage format, yrd/build/publish.py): the last step of every build.
    measure("publish", "publish", env=env)
    dbt_models = steps["dbt run (full)"].extra.get("models", {})
    floor_step = steps.get("floor: compiled SQL in DuckDB")
    floor_models = floor_step.extra.get("models", {}) if floor_step else {}
    slow = sorted(((n, s, floor_models.get(n)) for n, s in dbt_models.items()),
                  key=lambda x: -x[1])[:6]
    res["slowest_models"] = [{"model": n, "dbt_s": s, "floor_s": f} for n, s, f in slow]
    if not lean:
        incremental()
    # Where the incremental run's time goes: every model, slowest first.
    res["incremental_models"] = dict(sorted(
        steps["incremental: dbt run"].extra.get("models", {}).items(), key=lambda kv: -kv[1]))
    res["steps"] = [_row(m) for m in steps.values()]
    full = steps["ingest"].wall_s + steps["dbt run (full)"].wall_s
    incr = steps["incremental: ingest"].wall_s + steps["incremental: dbt run"].wall_s
    run_, run_incr = steps["dbt run (full)"], steps["incremental: dbt run"]
    ratios: dict[str, float] = {}
    if floor_step:
        ratios |= {
            "dbt_run_to_floor_wall": round(run_.wall_s / floor_step.wall_s, 2),
            "dbt_run_to_floor_cpu": round(run_.cpu_s / floor_step.cpu_s, 2),
            "dbt_run_to_floor_work": round(run_.extra.get("work_s", run_.wall_s)
                                           / floor_step.extra.get("work_s", floor_step.wall_s),
                                           2)}
    ratios |= {
        "incremental_to_full_wall": round(incr / full, 3),
        "incremental_dbt_run_to_full": round(run_incr.wall_s / run_.wall_s, 3),
        "incremental_dbt_run_to_full_cpu": round(run_incr.cpu_s / run_.cpu_s, 3),
        "ingest_rows_per_s": round(panel.observations / steps["ingest"].wall_s),
        "ingest_rows_per_cpu_s": round(panel.observations / steps["ingest"].cpu_s),
    }
    load_floor = steps["floor: DuckDB read_csv into a table"]
    ratios |= {
        "load_floor_rows_per_s": round(panel.observations / load_floor.wall_s),
        "ingest_to_load_floor_wall": round(steps["ingest"].wall_s / load_floor.wall_s, 3),
        "ingest_to_load_floor_cpu": round(steps["ingest"].cpu_s / load_floor.cpu_s, 3)}
    if (py := steps.get("ingest (Python readers only)")):
        ratios |= {
            "ingest_to_python_readers_wall": round(steps["ingest"].wall_s / py.wall_s, 3),
            "ingest_to_python_readers_cpu": round(steps["ingest"].cpu_s / py.cpu_s, 3)}
    ratios["max_peak_mb_to_memory_limit"] = round(
        max(m.peak_rss_mb for m in steps.values()) / res["limits"]["memory_mb"], 3)
    res["ratios"] = ratios
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
