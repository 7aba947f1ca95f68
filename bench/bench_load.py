"""The loader against its floors at one size, on the same generated panel, each step in a
process of its own (bench/measure.py): ingest (the real loader, every rule), DuckDB's CSV
reader into a table, and the same with each row's line and file (bench/load_floor.py).
Cheaper than the scale benchmark when only the load is in question (27M in minutes).

    python -m bench.bench_load --observations 27000000 --work /tmp/yrd-load
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path
from typing import Any

from bench.generate import Panel, generate
from bench.measure import Measured, isolated, machine, step
from ingest.limits import limits

# (id, name, bench.steps arguments)
STEPS = (
    ("ingest", "ingest", ("ingest",)),
    ("read_csv_floor", "floor: DuckDB read_csv into a table", ("load-floor",)),
    ("lines_floor", "floor: the same with each row's line and file", ("load-floor", "lines")),
)


def bench_load(work: Path, observations: int) -> dict[str, Any]:
    panel = Panel.of_size(observations)
    proj = work / "proj"
    shutil.rmtree(work, ignore_errors=True)
    t = time.perf_counter()
    generate(proj, panel)
    generated = round(time.perf_counter() - t, 1)
    lim = limits(work / "build")
    measured: dict[str, Measured] = {}
    for k, (_, name, args) in enumerate(STEPS):
        build = work / f"build{k}"
        m = measured[name] = step(name, *args, env=isolated(proj, build, work / f"wh{k}.db"))
        print(f"{name}: {m.wall_s} s wall, {m.cpu_s} CPU s, {m.peak_rss_mb} MB", flush=True)
        shutil.rmtree(build, ignore_errors=True)
    ingest = measured["ingest"]
    rows = panel.observations
    return {
        "benchmark": "load", "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": machine(), "observations": rows, "generated_s": generated,
        "limits": {"memory_limit": lim.memory_limit, "threads": lim.threads},
        "steps": [{"name": m.name, "wall_s": m.wall_s, "cpu_s": m.cpu_s,
                   "peak_rss_mb": m.peak_rss_mb, "rows_per_s": round(rows / m.wall_s),
                   "rows_per_cpu_s": round(rows / m.cpu_s)} for m in measured.values()],
        "ratios": {f"ingest_to_{key}_{kind}": round(
                       getattr(ingest, f"{kind}_s") / getattr(measured[name], f"{kind}_s"), 2)
                   for key, name, _ in STEPS[1:] for kind in ("wall", "cpu")},
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--observations", type=int, default=27_000_000)
    ap.add_argument("--work", type=Path, default=Path("/tmp/yrd-bench-load"))
    args = ap.parse_args(argv)
    from bench.__main__ import save

    save("load", bench_load(args.work, args.observations))
    shutil.rmtree(args.work, ignore_errors=True)


if __name__ == "__main__":
    main()
