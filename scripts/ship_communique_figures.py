"""Copy the communiqué figures of 2020–2025 into the project's own data file.

Reads the two files of ``../shared/data/communiques/`` (see their SOURCE.md) and writes
``data/communiques/communique_figures.csv``: one row per figure, every value, unit, period,
indicator and source exactly as written, with beside them the codes the warehouse needs
(place code, indicator code, sector, unit surface form, vintage status) and the copier's grade.

Nothing is cleaned: a row the source got wrong (a share read as an amount, 亿美元 labelled
亿元, two values for one city and year) is copied as it is. Finding those rows is the quality
layer's job (models/intermediate/int_communique_checks.sql and friends).

The ``quote_zh`` sentences are not ours: this script never writes them.

Run once by developers, from the project root::

    .venv/bin/python scripts/ship_communique_figures.py          # write the data file
    .venv/bin/python scripts/ship_communique_figures.py --check  # fail if it is out of date

An indicator, unit or vintage text the tables below do not know stops the run with its line,
so that a changed input is noticed rather than guessed.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "communiques"
CITY_FILE = "city_communique_figures_2021_2025.csv"
SECONDARY_FILE = "secondary_tables_2020_2024.csv"
OUTPUT = ROOT / "data" / "communiques" / "communique_figures.csv"

OUTPUT_COLUMNS = [
    "figure_id", "origin_file", "origin_line", "place_name_as_written", "place_code",
    "period_as_written", "period", "indicator_as_written", "indicator", "sector",
    "growth_of", "value", "unit_as_written", "unit", "vintage_status", "vintage_basis",
    "published", "source_url", "source_repo", "source_path", "source_commit", "source_kind",
    "reliability", "reliability_rank", "notes",
]  # fmt: skip

# indicator_key of the city file → (indicator code, sector, growth_of, unit surface form)
CITY_INDICATORS = {
    "gdp_total": ("gdp", "", "", "亿元"),
    "gdp_growth": ("gdp_growth", "", "gdp", "%"),
    "primary_gdp": ("value_added", "primary industry", "", "亿元"),
    "secondary_gdp": ("value_added", "secondary industry", "", "亿元"),
    "tertiary_gdp": ("value_added", "tertiary industry", "", "亿元"),
    "gdp_percapita": ("gdp_per_capita", "", "", "元"),
    "fiscal_rev": ("budget_revenue", "", "", "亿元"),
    "fixed_asset": ("investment", "", "", "亿元"),
    "retail": ("retail_sales", "", "", "亿元"),
    # Labelled 亿元 by the parser; copied as labelled (the 亿美元 rows are the checks' job).
    "trade": ("trade", "", "", "亿元"),
}
CITY_UNITS = {"亿元", "%", "元", "亿元 (as labelled by repo)"}

# indicator text of the secondary file → (indicator code, sector, growth_of)
SECONDARY_INDICATORS = {
    "地区生产总值 GDP (nominal)": ("gdp", "", ""),
    "地区生产总值增速(不变价)": ("gdp_growth", "", "gdp"),
    "年末常住人口": ("resident_population", "", ""),
}
RELIABILITY_RANK = {"high": 1, "medium-high": 2, "medium": 3, "low-medium": 4, "low": 5}

# Vintage of the secondary rows, decided from the file's own notes (SOURCE.md): the ssc-mirror
# example data heads every year "定" (final), but only 2020 and 2021 are the final verified
# figures; 2023 equals the preliminary communiqué figure, and nothing says which 2022 is.
SSC_FINAL_YEARS = {"2020", "2021"}


def _unit_of_secondary(unit_as_written: str, indicator: str, line: int) -> str:
    if indicator == "gdp":
        # "none written …; magnitudes imply 亿元" or "value_yi (亿元)": the copier's reading.
        if "亿元" in unit_as_written:
            return "亿元"
    elif unit_as_written in {"%", "万人"}:
        return unit_as_written
    raise SystemExit(f"{SECONDARY_FILE}:{line}: unit {unit_as_written!r} needs an entry")


def _secondary_vintage(row: dict[str, str], period: str) -> tuple[str, str, str]:
    """(vintage_status, basis, published) of a secondary row."""
    source = row["source_url_or_repo_path"]
    if "ssc-mirror" in source:
        if row["place_code_if_known"] == "310000" and period in SSC_FINAL_YEARS:
            return ("final", "the file's note: Shanghai 2020/2021 are the final verified "
                    "figures (最终核实)", "")
        return ("unknown_vintage", "column header says 定 (final) but the note says the value "
                "equals the preliminary figure or does not say", "")
    if "tjj.sh.gov.cn/tjgb/20250324" in source:
        return ("preliminary", "a communiqué figure (初步核算); published date from the "
                "official page address", "2025-03-24")
    if "communique" in row["source_kind"]:
        return ("preliminary", "quoted from the city's communiqué (初步核算)", "")
    return ("unknown_vintage", "a table that states no year, source or vintage", "")


def city_rows(path: Path) -> list[dict[str, str]]:
    out = []
    with path.open(encoding="utf-8", newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            key = row["indicator_key"]
            if key not in CITY_INDICATORS or row["unit"] not in CITY_UNITS:
                raise SystemExit(f"{path.name}:{line}: {key!r}/{row['unit']!r} needs an entry")
            indicator, sector, growth_of, unit = CITY_INDICATORS[key]
            out.append({
                "figure_id": f"cc-{line:04d}", "origin_file": path.name,
                "origin_line": str(line), "place_name_as_written": row["place_name_zh"],
                "place_code": row["adcode"], "period_as_written": row["year"],
                "period": row["year"], "indicator_as_written":
                    f"{row['indicator_key']} {row['indicator_zh']}",
                "indicator": indicator, "sector": sector, "growth_of": growth_of,
                "value": row["value"], "unit_as_written": row["unit"], "unit": unit,
                "vintage_status": "preliminary",
                "vintage_basis": "a city communiqué figure (初步核算), SOURCE.md",
                "published": "", "source_url": row["bulletin_url_as_given_by_repo"],
                "source_repo": row["repo"], "source_path": row["repo_file"],
                "source_commit": row["repo_commit"],
                "source_kind": "communique (regex-parsed third-party repost)",
                "reliability": "medium", "reliability_rank": str(RELIABILITY_RANK["medium"]),
                "notes": f"bulletin id {row['bulletin_eid']}; source code {row['src_city_code']}",
            })  # fmt: skip
    return out


def secondary_rows(path: Path) -> list[dict[str, str]]:
    out = []
    with path.open(encoding="utf-8", newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            text = row["indicator"]
            if text not in SECONDARY_INDICATORS:
                raise SystemExit(f"{path.name}:{line}: indicator {text!r} needs an entry")
            indicator, sector, growth_of = SECONDARY_INDICATORS[text]
            period = row["period"][:4]
            status, basis, published = _secondary_vintage(row, period)
            out.append({
                "figure_id": f"st-{line:04d}", "origin_file": path.name,
                "origin_line": str(line), "place_name_as_written": row["place_name_zh"],
                "place_code": row["place_code_if_known"], "period_as_written": row["period"],
                "period": period, "indicator_as_written": text, "indicator": indicator,
                "sector": sector, "growth_of": growth_of, "value": row["value"],
                "unit_as_written": row["unit_as_written"],
                "unit": _unit_of_secondary(row["unit_as_written"], indicator, line),
                "vintage_status": status, "vintage_basis": basis, "published": published,
                "source_url": row["source_url_or_repo_path"], "source_repo": "",
                "source_path": "", "source_commit": "", "source_kind": row["source_kind"],
                "reliability": row["reliability"],
                "reliability_rank": str(RELIABILITY_RANK[row["reliability"]]),
                "notes": row["note"],
            })  # fmt: skip
    return out


def render(shared: Path) -> str:
    rows = city_rows(shared / CITY_FILE) + secondary_rows(shared / SECONDARY_FILE)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=OUTPUT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    text = render(args.shared)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date: rerun this script", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {text.count(chr(10)) - 1} rows to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
