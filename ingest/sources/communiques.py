"""Figures of city statistical communiqués 2020–2025 and two secondary tables
(data/communiques/communique_figures.csv, shipped by scripts/ship_communique_figures.py).

Secondary and partly machine-parsed: the rules below only refuse what cannot be read
(a missing key, an unknown place, unit or indicator, a value that is not a number). Rows that
read cleanly but say something wrong load, and the quality layer flags them with their rows.
"""

from __future__ import annotations

from pathlib import Path

from ingest.load import Resource, Rule, in_set, known_place, known_unit, numeric, q, required

COLUMNS = (
    "figure_id", "origin_file", "origin_line", "place_name_as_written", "place_code",
    "period_as_written", "period", "indicator_as_written", "indicator", "sector", "growth_of",
    "value", "unit_as_written", "unit", "vintage_status", "vintage_basis", "published",
    "source_url", "source_repo", "source_path", "source_commit", "source_kind", "reliability",
    "reliability_rank", "notes",
)

# The controlled list of seeds/vintage_statuses.csv that a communiqué figure can carry.
VINTAGE_STATUSES = ["preliminary", "revised", "final", "census_revision", "unknown_vintage"]

_known_indicator = Rule(
    "known_indicator",
    f"{q('indicator')} not in (select indicator_code from _indicators)",
    "'unknown indicator: ' || coalesce(indicator, 'NULL') || ' (not in seeds/indicators.csv)'",
)

_period = Rule(
    "period",
    "not regexp_full_match(coalesce(trim(period), ''), '\\d{4}')",
    "'period is not a year: ' || coalesce(period, 'NULL')",
)

_published = Rule(
    "published_date",
    "not (published is null or trim(published) = '') and "
    "try_cast(trim(published) as date) is null",
    "'published is not a date (YYYY-MM-DD): ' || published",
)

communique_figures = Resource(
    name="communique_figures",
    table="raw.communique_figures",
    path=Path("communiques/communique_figures.csv"),
    columns=COLUMNS,
    key=("figure_id",),
    rules=(
        *required("figure_id", "place_code", "period", "indicator", "value", "unit",
                  "vintage_status", "source_url"),
        known_place("place_code"),
        known_unit("unit"),
        _known_indicator,
        *numeric("value", "reliability_rank"),
        _period,
        _published,
        in_set("vintage_status", VINTAGE_STATUSES, allow_blank=False),
    ),
    description="Communiqué figures 2020–2025 (parsed reposts) and secondary tables, "
                "with source, vintage status and reliability.",
)

RESOURCES = [communique_figures]
