"""Benchmark 1: the default build from scratch, the cost of every step.

- `yrd build` from an empty build directory, one process (what a user runs): wall, CPU,
  peak memory, and the step times it records in its run history;
- the same build again on the same build directory (files unchanged, dbt's partial parse);
- each step in a process of its own (ingest, checks on raw, dbt build, checks on staging
  and marts, publish): wall, CPU, peak memory, and how much of it is imports;
- floors measured in the same run: a bare interpreter, `import duckdb`, `import
  great_expectations` (+ ephemeral context), `dbt parse` cold and with partial parse;
- the build from scratch against a baseline commit's, alternating (bench/bench_baseline.py).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from bench.measure import PYTHON, ROOT, Measured, isolated, run, step

BIN = Path(PYTHON).parent


def _history(warehouse: Path) -> dict[str, Any]:
    log = warehouse.with_name(warehouse.stem + ".runs.jsonl")
    runs = [json.loads(x) for x in log.read_text(encoding="utf-8").splitlines() if x.strip()]
    return runs[-1] if runs else {}


def _dbt_parse(env: dict[str, str], target: Path, name: str) -> Measured:
    return run(name, [str(BIN / "dbt"), "parse", "--project-dir", str(ROOT), "--profiles-dir",
                      str(ROOT), "--target-path", str(target), "--log-path",
                      str(target.parent / "logs"), "--quiet"], env=env)


def bench_build(work: Path, baseline: str | None = None, rounds: int = 3) -> dict[str, Any]:
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    out: dict[str, Any] = {"benchmark": "build"}

    # Floors.
    floors = [
        run("python -c pass", [PYTHON, "-c", "pass"]),
        run("import duckdb", [PYTHON, "-c", "import duckdb"]),
        run("import great_expectations + context", [PYTHON, "-c",
            "from yrd.quality.runner import _Gx; _Gx.get()"]),
        run("import dbt", [PYTHON, "-c", "from dbt.cli.main import dbtRunner"]),
    ]
    env0 = isolated(ROOT, work / "parse" / "build", work / "parse" / "wh" / "yrd.duckdb")
    floors.append(_dbt_parse(env0, work / "parse" / "target", "dbt parse (cold)"))
    floors.append(_dbt_parse(env0, work / "parse" / "target", "dbt parse (partial parse)"))
    out["floors"] = [m.row() for m in floors]

    # The real build, one process, from scratch; then again on the same build dir.
    env = isolated(ROOT, work / "one" / "build", work / "one" / "wh" / "yrd.duckdb")
    cold = run("yrd build (from scratch)", [str(BIN / "yrd"), "build"], env=env)
    cold.extra = {"step_seconds": _history(work / "one" / "wh" / "yrd.duckdb")["step_seconds"]}
    warm = run("yrd build (again, same build dir)", [str(BIN / "yrd"), "build"], env=env)
    warm.extra = {"step_seconds": _history(work / "one" / "wh" / "yrd.duckdb")["step_seconds"]}
    out["build"] = [cold.row(), warm.row()]

    # Each step in its own process, from scratch.
    env = isolated(ROOT, work / "steps" / "build", work / "steps" / "wh" / "yrd.duckdb")
    steps = [
        step("ingest", "ingest", env=env),
        step("checks on raw", "checks", "raw", env=env),
        step("dbt build", "dbt", "build", env=env),
        step("checks on staging and marts", "checks", "staging,marts", env=env),
        step("publish", "publish", env=env),
    ]
    for m in steps:
        m.extra.pop("models", None)
    out["steps"] = [m.row() for m in steps]
    parse_cold = next(f for f in floors if f.name == "dbt parse (cold)")
    gx = next(f for f in floors if f.name.startswith("import great"))
    duck = next(f for f in floors if f.name == "import duckdb")
    out["startup_share"] = {
        m.name: round(min(1.0, {"dbt build": parse_cold.wall_s,
                                "checks on raw": gx.wall_s,
                                "checks on staging and marts": gx.wall_s}.get(m.name, duck.wall_s)
                          / m.wall_s), 2) for m in steps}
    if baseline:
        from bench.bench_baseline import against_baseline

        out["against_baseline"] = against_baseline(work / "ab", baseline, rounds)
    shutil.rmtree(work, ignore_errors=True)
    return out
