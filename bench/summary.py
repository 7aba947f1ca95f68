"""bench/results/SUMMARY.md from the newest result of each benchmark."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any


def _newest(results: Path, prefix: str) -> dict[str, Any] | None:
    files = sorted(p for p in results.glob(f"{prefix}-2*.json"))
    return json.loads(files[-1].read_text(encoding="utf-8")) if files else None


def _table(head: list[str], rows: list[list[Any]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return out


def _n(x: float) -> str:
    return f"{x / 1e6:.1f}M" if x >= 1e6 else f"{x / 1e3:.0f}k" if x >= 1e3 else str(x)


def _exponent(t1: float, t2: float, n1: int, n2: int) -> str:
    if t1 <= 0 or t2 <= 0 or n1 == n2:
        return ""
    return f"{math.log(t2 / t1) / math.log(n2 / n1):.2f}"


def _wall(size: dict[str, Any], name: str) -> float:
    return next((st["wall_s"] for st in size["steps"] if st["name"] == name), 0.0)


def _merged_scale(results: Path) -> dict[str, Any] | None:
    """The newest result of every size (a size may come from a later run of --sizes),
    with the analyses of the run that had the largest size."""
    runs = [json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(results.glob("scale-2*.json"))]
    if not runs:
        return None
    by_size: dict[int, dict[str, Any]] = {}
    analyses: tuple[int, dict[str, Any]] | None = None
    for r in runs:
        for z in r["sizes"]:
            by_size[z["observations"]] = {**z, "run": r["timestamp"]}
        if r.get("analyses"):
            top = max(z["observations"] for z in r["sizes"])
            if analyses is None or top >= analyses[0]:
                analyses = (top, r)
    merged = {**runs[-1], "sizes": [by_size[k] for k in sorted(by_size)]}
    merged["runs"] = sorted({z["run"] for z in merged["sizes"]})
    if analyses:
        merged["analyses"] = analyses[1]["analyses"]
    return merged


def build_section(b: dict[str, Any]) -> list[str]:
    out = ["## 1. Default build from scratch", "",
           f"Run {b['timestamp']}, {b['machine']['cpus']} cores, load average "
           f"{b['machine']['load_average']} at the end.", ""]
    out += _table(["run", "wall s", "CPU s", "peak MB", "steps (s, in the one process)"], [
        [r["name"], r["wall_s"], r["cpu_s"], r["peak_rss_mb"],
         ", ".join(f"{k.split(' ', 1)[1]} {v:.1f}" for k, v in
                   r["extra"]["step_seconds"].items())] for r in b["build"]])
    out += ["", "Each step in its own process (imports counted in wall time):", ""]
    out += _table(["step", "wall s", "CPU s", "peak MB", "imports s", "work s",
                   "start-up floor share"], [
        [r["name"], r["wall_s"], r["cpu_s"], r["peak_rss_mb"], r["extra"].get("import_s", ""),
         r["extra"].get("work_s", ""), b["startup_share"].get(r["name"], "")]
        for r in b["steps"]])
    out += ["", "Floors (same run):", ""]
    out += _table(["floor", "wall s", "CPU s", "peak MB"],
                  [[r["name"], r["wall_s"], r["cpu_s"], r["peak_rss_mb"]] for r in b["floors"]])
    return [*out, "", *baseline_lines(b.get("against_baseline"))]


def baseline_lines(ab: dict[str, Any] | None) -> list[str]:
    if not ab:
        return []
    if ab.get("skipped"):
        return [f"Against baseline {ab['ref']}: not measured ({ab['skipped']}).", ""]
    out = [f"Against the baseline {ab['ref']} ({ab['commit'][:12]}), same run "
           f"(bench/bench_baseline.py): `yrd build` from scratch, {ab['rounds']} rounds, "
           "the two alternating, each with its own shipped data.", ""]
    out += _table(["build", "median wall s", "median CPU s", "highest peak MB"], [
        [who, ab[who]["median_wall_s"], ab[who]["median_cpu_s"], ab[who]["max_peak_rss_mb"]]
        for who in ("baseline", "current")])
    out += ["", f"Ratio current / baseline: wall {ab['ratios']['wall']}, CPU "
            f"{ab['ratios']['cpu']}. Each run: "
            + ", ".join(f"{r['name']} {r['wall_s']} s ({r['cpu_s']} CPU s)" for r in ab["runs"])
            + ".", ""]
    return out


def scale_section(s: dict[str, Any]) -> list[str]:
    out = ["## 2. Scale: synthetic panel through the real path", "",
           f"Runs {', '.join(s['runs'])} (each size's steps and ratios come from one run), "
           f"{s['machine']['cpus']} cores. Panel: places × 100 indicators × 30 "
           "years × 3 vintages, one CSV per vintage and year. Each step is its own process.",
           ""]
    names = list(dict.fromkeys(st["name"] for z in s["sizes"] for st in z["steps"]))
    by_name = [{st["name"]: st for st in z["steps"]} for z in s["sizes"]]
    head = ["step"] + [f"{_n(z['observations'])} wall s / CPU s / MB" for z in s["sizes"]]
    rows = []
    for name in names:
        rows.append([name] + [f"{b[name]['wall_s']} / {b[name]['cpu_s']} / "
                              f"{b[name]['peak_rss_mb']:.0f}" if name in b else ""
                              for b in by_name])
    out += _table(head, rows)
    for z in s["sizes"]:
        if (sk := z.get("skipped")):
            out += ["", f"Not measured at {_n(z['observations'])}: {', '.join(sk['steps'])} "
                    f"({sk['why']}; {sk['order']})."]
    out += ["", "Peak memory (RSS of each step's process) against the build's memory limit "
            "(ingest/limits.py: YRD_MEMORY_LIMIT, default min(2 GiB, 40% of RAM)):", ""]
    out += _table(["size", "memory limit", "threads", "highest peak MB", "step",
                   "peak / limit"], [
        [_n(z["observations"]), z.get("limits", {}).get("memory_limit", "DuckDB default"),
         z.get("limits", {}).get("threads", ""),
         max(st["peak_rss_mb"] for st in z["steps"]),
         max(z["steps"], key=lambda st: st["peak_rss_mb"])["name"],
         z["ratios"].get("max_peak_mb_to_memory_limit", "")] for z in s["sizes"]])
    out += ["", "Ratios (same run, same data):", ""]
    keys = list(dict.fromkeys(k for z in s["sizes"] for k in z["ratios"]))
    out += _table(["ratio"] + [_n(z["observations"]) for z in s["sizes"]],
                  [[k] + [z["ratios"].get(k, "") for z in s["sizes"]] for k in keys])
    if len(s["sizes"]) > 1:
        out += ["", "Cost curve: growth exponent of wall time between successive sizes "
                "(1.0 = linear; above 1 grows faster than the data):", ""]
        pairs = list(zip(s["sizes"], s["sizes"][1:], strict=False))
        out += _table(["step"] + [f"{_n(a['observations'])}→{_n(b['observations'])}"
                                  for a, b in pairs],
                      [[name] + [_exponent(_wall(a, name), _wall(b, name),
                                           a["observations"], b["observations"])
                                 for a, b in pairs] for name in names])
    big = s["sizes"][-1]
    out += ["", f"Slowest models at {_n(big['observations'])} (dbt run vs floor, seconds):", ""]
    out += _table(["model", "dbt s", "floor s"],
                  [[m["model"], m["dbt_s"], m["floor_s"]] for m in big["slowest_models"]])
    if big.get("incremental_models"):
        top = list(big["incremental_models"].items())
        out += ["", f"The incremental `dbt run` at {_n(big['observations'])}, model by model "
                f"(seconds; {len(top)} models, {sum(v for _, v in top):.1f} s in all): "
                + ", ".join(f"{k} {v}" for k, v in top[:12])
                + (", the rest below that." if len(top) > 12 else ".")]
    out += ["", f"Rows at {_n(big['observations'])}: "
            + ", ".join(f"{k} {v:,}" for k, v in big["rows"].items()), ""]
    if s.get("analyses"):
        out += ["## 4. Analyses on the scaled warehouse", "",
                f"analyses/*.sql, read-only, on the {_n(big['observations'])} build (median of 7 "
                "runs, first run shown apart):", ""]
        out += _table(["analysis", "rows", "median ms", "min ms", "first run ms"],
                      [[a["analysis"], a["rows"], a["median_ms"], a["min_ms"], a["first_ms"]]
                       for a in s["analyses"]])
        out.append("")
    return out


def extract_section(e: dict[str, Any]) -> list[str]:
    return ["## 3. Extraction throughput", "",
            f"Run {e.get('timestamp')}: {e.get('documents')} generated documents, "
            f"{e.get('megabytes')} MB, one process on one core.", "",
            *_table(["MB/s", "documents/s", "MB per CPU-second", "baseline MB/s",
                     "slowdown vs baseline"],
                    [[e.get("extract_mb_per_s"), e.get("extract_docs_per_s"),
                      e.get("extract_mb_per_cpu_s"), e.get("baseline_mb_per_s"),
                      e.get("slowdown_vs_baseline")]]), ""]


def load_section(results: Path) -> list[str]:
    """The newest load result of each size (bench/bench_load.py)."""
    by_size: dict[int, dict[str, Any]] = {}
    for path in sorted(results.glob("load-2*.json")):
        r = json.loads(path.read_text(encoding="utf-8"))
        by_size[r["observations"]] = r
    if not by_size:
        return []
    out = ["## 2b. The loader against its floors", "",
           "`python -m bench.bench_load`: ingest (every rule, the duplicate check, the "
           "quarantine, the ledger) and two floors on the same generated panel, each in a "
           "process of its own: DuckDB's CSV reader into a table, and the same with each "
           "row's line and file (parsed into a temporary table, then written from it: "
           "bench/load_floor.py). Issue 11 asks for 1M rows/s.", ""]
    rows = []
    for size, r in sorted(by_size.items()):
        for st in r["steps"]:
            rows.append([_n(size), r["timestamp"], st["name"], st["wall_s"], st["cpu_s"],
                         st["peak_rss_mb"], f"{st['rows_per_s']:,}", f"{st['rows_per_cpu_s']:,}"])
    out += _table(["size", "run", "step", "wall s", "CPU s", "peak MB", "rows/s",
                   "rows per CPU s"], rows)
    out += ["", *_table(["ratio"] + [_n(k) for k in sorted(by_size)],
                        [[k] + [by_size[z]["ratios"].get(k, "") for z in sorted(by_size)]
                         for k in dict.fromkeys(k for r in by_size.values()
                                                for k in r["ratios"])]), ""]
    return out


def spark_section(p: dict[str, Any]) -> list[str]:
    sp, dk = p["spark"], p["duckdb"]
    rows = [[m, " / ".join(dk["digest"].get(m, [])), " / ".join(sp["digest"].get(m, [])),
             "same" if p["same_digest"].get(m) else "DIFFERENT"] for m in p["models"]]
    return ["## Spark smoke test (opt-in `spark` target)", "",
            f"Run {p['timestamp']} by `bash bench/spark_smoke.sh`: dbt-core "
            f"{p['versions']['dbt-core']}, pyspark {p['versions']['pyspark']}, dbt-spark session "
            "method on a local SparkSession (2 cores). Result: "
            f"**{'ok' if p['ok'] else 'FAILED'}**.",
            "",
            *_table(["", "DuckDB", "Spark", "Spark / DuckDB"], [
                ["dbt seed (units, yearbook_fields) s", dk["seed"]["wall_s"], sp["seed_s"],
                 round(sp["seed_s"] / dk["seed"]["wall_s"], 2)],
                ["dbt run (4 core models) s", dk["run"]["wall_s"], sp["run_s"],
                 p["run_ratio_spark_to_duckdb"]],
                ["SparkSession start s", "", sp["spark_start_s"], ""]]),
            "", "Digest per model (rows / exact sum of values / distinct places or ids):", "",
            *_table(["model", "DuckDB", "Spark", ""], rows), ""]


def write_summary(results: Path) -> Path:
    out = ["# Benchmark summary", "",
           "Written by `make bench` (bench/summary.py) from the newest result of each "
           "benchmark in this directory. Machine: shared, 2 cores; CPU time and peak memory "
           "are the kernel's accounting of each process (os.wait4), so other users slow the "
           "wall times but not those. See docs/scaling.md for what the numbers mean.", ""]
    notes = results / "NOTES.md"
    if (b := _newest(results, "build")):
        out += build_section(b)
    if (s := _merged_scale(results)):
        out += scale_section(s)
    out += load_section(results)
    if (e := _newest(results, "extract-run")):
        out += extract_section(e)
    if (p := _newest(results, "spark")):
        out += spark_section(p)
    if notes.exists():
        out += [notes.read_text(encoding="utf-8").strip(), ""]
    path = results / "SUMMARY.md"
    path.write_text("\n".join(out), encoding="utf-8")
    return path
