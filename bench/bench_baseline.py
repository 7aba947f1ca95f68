"""The default build against a baseline commit, in the same run: `yrd build` from scratch,
the baseline's code and this tree's alternating, a few rounds, each in a process of its
own on the same machine, the same Python environment and each tree's own shipped data.

Why: a wall time measured on another day on a shared machine says little (the code of
a37f6ae built in 22.9 s when issue 11 was filed, and in 25.5–30.7 s on 2026-11-30 by
hand, with other work running). Issue 11 asks that the default build be "not slower
than today"; the ratio of medians of one run answers that.

The baseline is checked out with `git worktree add --detach` under the work directory
and run with its own command-line entry point (`ingest.cli` before the desk moved to
`yrd.cli`), from its own tree: `python -m` puts the tree first on the module path.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
from pathlib import Path
from typing import Any

from bench.measure import PYTHON, ROOT, Measured, isolated, run

# The last commit of the session that filed issue 11 (the build then: 22.9 s, SUMMARY.md
# of a37f6ae); `make bench` compares with it unless told otherwise (--baseline).
BASELINE_REF = "e33de76"


def _entry_point(tree: Path) -> str:
    return "yrd.cli" if (tree / "yrd" / "cli.py").exists() else "ingest.cli"


def _checkout(ref: str, dest: Path) -> str | None:
    """The baseline's tree at dest; None with the reason it could not be had."""
    if dest.exists():
        _remove(dest)
    proc = subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(dest),
                           ref], capture_output=True, text=True)
    return None if proc.returncode == 0 else (proc.stderr.strip() or "git worktree failed")


def _remove(dest: Path) -> None:
    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(dest)],
                   capture_output=True)
    shutil.rmtree(dest, ignore_errors=True)
    subprocess.run(["git", "-C", str(ROOT), "worktree", "prune"], capture_output=True)


def _build(name: str, tree: Path, out: Path) -> Measured:
    if out.exists():
        shutil.rmtree(out)
    env = isolated(tree, out / "build", out / "wh" / "yrd.duckdb")
    return run(name, [PYTHON, "-m", _entry_point(tree), "build"], env=env, cwd=tree)


def _summary(runs: list[Measured]) -> dict[str, float]:
    return {"median_wall_s": round(statistics.median(m.wall_s for m in runs), 3),
            "median_cpu_s": round(statistics.median(m.cpu_s for m in runs), 3),
            "max_peak_rss_mb": max(m.peak_rss_mb for m in runs)}


def against_baseline(work: Path, ref: str = BASELINE_REF, rounds: int = 3) -> dict[str, Any]:
    """`rounds` builds of each, alternating (baseline first in odd rounds, this tree
    first in even ones, so neither always runs on a machine the other warmed)."""
    tree = work / "baseline-tree"
    why = _checkout(ref, tree)
    if why:
        return {"ref": ref, "skipped": why}
    commit = subprocess.run(["git", "-C", str(tree), "rev-parse", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    runs: dict[str, list[Measured]] = {"baseline": [], "current": []}
    try:
        for i in range(rounds):
            order = ["baseline", "current"] if i % 2 == 0 else ["current", "baseline"]
            for who in order:
                src = tree if who == "baseline" else ROOT
                runs[who].append(_build(f"{who} {i + 1}", src, work / f"ab-{who}"))
    finally:
        _remove(tree)
        for who in runs:
            shutil.rmtree(work / f"ab-{who}", ignore_errors=True)
    base, cur = _summary(runs["baseline"]), _summary(runs["current"])
    return {
        "ref": ref, "commit": commit, "rounds": rounds,
        "runs": [m.row() for who in runs for m in runs[who]],
        "baseline": base, "current": cur,
        "ratios": {"wall": round(cur["median_wall_s"] / base["median_wall_s"], 3),
                   "cpu": round(cur["median_cpu_s"] / base["median_cpu_s"], 3)},
    }
