"""`make bench`: the four benchmarks, results in bench/results/.

    python -m bench [--quick] [--sizes 30k,300k,3M,27M] [--only build,scale,load,extract]
                    [--work /tmp/yrd-bench] [--mb 10] [--baseline REF|none] [--rounds 3]

1. build: the default build from scratch, each step's time and memory, against floors,
   and against a baseline commit's build in the same run (bench/bench_baseline.py);
2. scale: a synthetic panel through ingest, dbt (against the compiled SQL run directly in
   DuckDB), quality checks, and an incremental rebuild after one new vintage;
2b. load: the loader against DuckDB's own CSV reader (bench/bench_load.py);
3. extract: document extraction throughput (bench/bench_extract.py);
4. analyses: latency of analyses/*.sql on the largest scaled warehouse (with scale).

Every run writes bench/results/<name>-<time>.json; bench/results/SUMMARY.md is rewritten
from the newest result of each benchmark. Ratios are measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.measure import PYTHON, ROOT, machine, run

RESULTS = ROOT / "bench" / "results"
DEFAULT_SIZES = "30k,300k,3M,27M"
QUICK_SIZES = "30k,300k"


def parse_size(text: str) -> int:
    text = text.strip().lower()
    mult = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * mult)


def save(name: str, result: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    result = {"timestamp": time.strftime("%Y-%m-%dT%H:%M:%S"), "machine": machine(), **result}
    path = RESULTS / f"{name}-{stamp}.json"
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}", flush=True)
    return path


def bench_extract(mb: float) -> dict[str, Any]:
    before = set(RESULTS.glob("extract-*.json"))
    m = run("extract", [PYTHON, str(ROOT / "bench" / "bench_extract.py"), "--mb", str(mb)])
    new = sorted(set(RESULTS.glob("extract-*.json")) - before)
    result = json.loads(new[-1].read_text(encoding="utf-8")) if new else {}
    result.update({"benchmark": "extract", "process": m.row()})
    print(m.output.strip(), flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help=f"small sizes ({QUICK_SIZES}), 2 MB")
    ap.add_argument("--sizes", help=f"observations per scale run (default {DEFAULT_SIZES})")
    ap.add_argument("--only", default="build,scale,load,extract",
                    help="comma-separated: build, scale (includes analyses), load, extract")
    ap.add_argument("--mb", type=float, default=None, help="extraction corpus MB (default 10)")
    ap.add_argument("--work", type=Path, default=None, help="scratch directory")
    ap.add_argument("--keep", action="store_true", help="keep the scaled projects")
    ap.add_argument("--baseline", default=None,
                    help="commit whose default build `build` compares with, alternating "
                         "(default: bench_baseline.BASELINE_REF; 'none' to skip)")
    ap.add_argument("--rounds", type=int, default=3, help="builds of each in that comparison")
    args = ap.parse_args(argv)
    sizes = [parse_size(s) for s in (args.sizes or (QUICK_SIZES if args.quick
                                                    else DEFAULT_SIZES)).split(",")]
    only = set(args.only.split(","))
    work = args.work or Path(os.environ.get("YRD_BENCH_DIR")
                             or tempfile.mkdtemp(prefix="yrd-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if "build" in only:
        from bench.bench_baseline import BASELINE_REF
        from bench.bench_build import bench_build

        baseline = args.baseline or BASELINE_REF
        print("== 1. build from scratch", flush=True)
        written.append(save("build", bench_build(
            work / "build", None if baseline == "none" else baseline, args.rounds)))
    if "scale" in only:
        from bench.bench_scale import bench_scale

        print(f"== 2. scale {sizes} and 4. analyses", flush=True)
        written.append(save("scale", bench_scale(work / "scale", sizes, keep=args.keep)))
    if "load" in only:
        from bench.bench_load import bench_load

        for size in sizes:
            print(f"== 2b. the loader against its floors, {size:,} observations", flush=True)
            written.append(save("load", bench_load(work / "load", size)))
    if "extract" in only:
        print("== 3. extraction throughput", flush=True)
        written.append(save("extract-run", bench_extract(args.mb or (2 if args.quick
                                                                      else 10))))
    from bench.summary import write_summary

    print(f"wrote {write_summary(RESULTS).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
