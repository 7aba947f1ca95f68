"""Statistics in long format: any number of CSV files in data/observations/.

An economist can drop a long table of statistics there, one row per place, indicator,
sector, period and vintage:

    place_code,indicator,sector,period,value,unit,vintage,published,source
    320583,gdp,,2023,5140.6,亿元,final,2024-03-20,Kunshan statistical communiqué 2023

Every file is one resource of the same declaration (table raw.observations, replaced per
file when its bytes change). The benchmark's synthetic panel comes in through this path.
"""

from __future__ import annotations

from pathlib import Path

from ingest.load import (
    Resource,
    date,
    known_indicator,
    known_place,
    known_unit,
    numeric,
    period,
    required,
    within_bounds,
)

COLUMNS = ("place_code", "indicator", "sector", "period", "value", "unit", "vintage",
           "published", "source")
KEY = ("place_code", "indicator", "sector", "period", "vintage")
FOLDER = Path("observations")
# Declared even when the folder is empty, so raw.observations always exists for dbt.
DEFAULT_FILE = FOLDER / "observations.csv"

RULES = (
    *required("place_code", "indicator", "period", "value", "unit", "vintage"),
    *numeric("value"),
    known_place("place_code"),
    known_unit("unit"),
    known_indicator("indicator"),
    # A period of the labelling contract (2021, 2023-H1, 2021..2025, 2023-01..07), which
    # starts in a year 1949..this year: these are statistics, not targets.
    period("period"),
    date("published"),
    within_bounds("value", '"indicator"', '"unit"'),
)


def resource(path: Path) -> Resource:
    return Resource(
        name="observations",
        table="raw.observations",
        path=path,
        columns=COLUMNS,
        key=KEY,
        rules=RULES,
        write_disposition="replace_file",
        description="Statistics in long format (place, indicator, sector, period, vintage).",
        optional=True,
    )


def resources(data_dir: Path) -> list[Resource]:
    """One resource per CSV file of data/observations/ (sorted, so loads are repeatable)."""
    files = sorted(p.relative_to(data_dir) for p in (data_dir / FOLDER).glob("*.csv"))
    return [resource(p) for p in files] or [resource(DEFAULT_FILE)]
