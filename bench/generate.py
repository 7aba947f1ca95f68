"""A synthetic panel of statistics for the scale benchmark, loaded through the real path.

places × indicators × years × vintages observations (by default 3,000 × 100 × 30 × 3, about
27 million), written as long CSV files into data/observations/ of a COPY of the project,
one file per vintage and year (places × indicators rows each), with the synthetic places
and indicators added to that copy's seeds. The real seeds are never touched.

    python -m bench.generate /tmp/h8/proj --observations 300000

Values are a deterministic function of (place, indicator, year, vintage), written by
DuckDB's CSV writer (the generator itself must not be the bottleneck).
"""

from __future__ import annotations

import argparse
import csv
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
# What a project copy leaves out: environments, build output, git, results.
_IGNORE = shutil.ignore_patterns(".venv", ".venv-*", ".git", "build", "target", "logs",
                                 "warehouse", "dbt_packages", "results", "__pycache__",
                                 ".pytest_cache", ".ruff_cache", "*.duckdb", "*.duckdb.wal")
VINTAGES = ("preliminary", "communique", "final")
# (surface form, base unit) per synthetic indicator, in turn.
UNITS = (("亿元", "CNY"), ("万人", "persons"), ("%", "percent"), ("万元", "CNY"))
FIRST_PLACE = 900001  # 90xxxx is no GB/T 2260 province: no clash with real codes


@dataclass(frozen=True)
class Panel:
    places: int = 3000
    indicators: int = 100
    years: int = 30
    vintages: int = 3
    first_year: int = 1994

    @property
    def observations(self) -> int:
        return self.places * self.indicators * self.years * self.vintages

    @property
    def last_year(self) -> int:
        return self.first_year + self.years - 1

    @classmethod
    def of_size(cls, observations: int, **kw: int) -> Panel:
        """The panel with the default indicators, years and vintages closest to a size."""
        base = cls(**kw)
        per_place = base.indicators * base.years * base.vintages
        return cls(**{**kw, "places": max(1, round(observations / per_place))})


def copy_project(dest: Path, root: Path = ROOT) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    def ignore(folder: str, names: list[str]) -> set[str]:
        # build/ is the build directory at the root only; yrd/build/ is a package
        skip = set(_IGNORE(folder, names))
        return skip if Path(folder) == root else skip - {"build"}

    shutil.copytree(root, dest, ignore=ignore, symlinks=True)
    return dest


def place_codes(n: int) -> list[str]:
    return [str(FIRST_PLACE + i) for i in range(n)]


def indicator_codes(n: int) -> list[str]:
    return [f"syn_{i:03d}" for i in range(1, n + 1)]


def extend_seeds(project: Path, panel: Panel) -> None:
    """Synthetic districts of Suzhou and synthetic indicators, in the copy's seeds."""
    seeds = project / "seeds"
    with (seeds / "places.csv").open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    with (seeds / "places.csv").open("a", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, header, lineterminator="\n")
        for code in place_codes(panel.places):
            w.writerow({**dict.fromkeys(header, ""), "place_code": code,
                        "code_system": "project", "level": "county",
                        "division_type": "district", "parent_code": "320500",
                        "province_code": "320000", "prefecture_code": "320500",
                        "name_zh": f"合成区{code}", "name_zh_short": f"合成{code}",
                        "name_zh_hant": f"合成區{code}", "name_en": f"Synthetic {code}",
                        "display_name_en": f"Synthetic {code}",
                        "name_pinyin": f"he cheng {code}", "yrd_central_area": "false",
                        "source": "bench/generate.py", "notes": "synthetic (benchmark)"})
    with (seeds / "indicators.csv").open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    with (seeds / "indicators.csv").open("a", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, header, lineterminator="\n")
        for i, code in enumerate(indicator_codes(panel.indicators)):
            w.writerow({**dict.fromkeys(header, ""), "indicator_code": code,
                        "name_en": f"Synthetic indicator {code}", "name_zh": f"合成指标{code}",
                        "base_unit": UNITS[i % len(UNITS)][1], "additive": "false",
                        "description": "synthetic (benchmark)", "terms": ""})


def write_file(con: duckdb.DuckDBPyConnection, path: Path, panel: Panel, year: int,
               vintage: str, vintage_no: int) -> int:
    """One vintage of one year for every place and indicator (places × indicators rows)."""
    n_ind = panel.indicators
    units = "[" + ", ".join(f"'{u}'" for u, _ in UNITS) + "]"
    month = ("01-20", "03-01", "12-31")[min(vintage_no, 2)]
    published = f"{year + 1}-{month}" if vintage_no < 2 else f"{year + 2}-06-30"
    path.parent.mkdir(parents=True, exist_ok=True)
    con.execute(f"""
        copy (
            select
                cast({FIRST_PLACE} + p as varchar) as place_code,
                'syn_' || lpad(cast(i + 1 as varchar), 3, '0') as indicator,
                case when i % 10 = 9 then 'tertiary industry' else '' end as sector,
                '{year}' as period,
                cast(round(100 + (hash(p, i) % 100000) / 10.0
                           * (1 + 0.03 * ({year} - {panel.first_year}))
                           * (1 + 0.001 * {vintage_no}), 2) as varchar) as value,
                {units}[1 + i % {len(UNITS)}] as unit,
                '{vintage}' as vintage,
                '{published}' as published,
                'synthetic panel (bench/generate.py)' as source
            from range({panel.places}) as places(p), range({n_ind}) as inds(i)
            order by p, i
        ) to '{path}' (header, delimiter ',', quote '"')
    """)
    return panel.places * n_ind


def panel_file(project: Path, year: int, vintage: str) -> Path:
    return project / "data" / "observations" / f"panel_{year}_{vintage}.csv"


def generate(project: Path, panel: Panel, *, copy: bool = True) -> dict[str, int | str]:
    """A fresh project copy with the panel in data/observations and its seeds."""
    if copy:
        copy_project(project)
    extend_seeds(project, panel)
    con = duckdb.connect()
    rows = files = 0
    for year in range(panel.first_year, panel.last_year + 1):
        for k, vintage in enumerate(VINTAGES[:panel.vintages]):
            rows += write_file(con, panel_file(project, year, vintage), panel, year, vintage, k)
            files += 1
    con.close()
    size = sum(p.stat().st_size for p in (project / "data" / "observations").glob("*.csv"))
    return {"project": str(project), "observations": rows, "files": files, "bytes": size}


def add_vintage(project: Path, panel: Panel, label: str = "revised") -> Path:
    """One new vintage: a revision of the latest year for every place and indicator."""
    path = panel_file(project, panel.last_year, label)
    con = duckdb.connect()
    write_file(con, path, panel, panel.last_year, label, 3)
    con.close()
    return path


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("project", type=Path, help="where to write the project copy")
    ap.add_argument("--observations", type=int, default=None,
                    help="target size (places are chosen to match); default 3000 places")
    ap.add_argument("--places", type=int, default=3000)
    ap.add_argument("--indicators", type=int, default=100)
    ap.add_argument("--years", type=int, default=30)
    args = ap.parse_args(argv)
    kw = {"indicators": args.indicators, "years": args.years}
    panel = (Panel.of_size(args.observations, **kw) if args.observations
             else Panel(places=args.places, **kw))
    print(generate(args.project, panel))


if __name__ == "__main__":
    main()
