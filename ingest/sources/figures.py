"""Figures copied by hand from statistical communiqués, government sites and news
(data/figures/official_figures.csv, curated by scripts/curate_official_figures.py)."""

from __future__ import annotations

from pathlib import Path

from ingest.load import (
    Resource,
    date,
    in_set,
    integer,
    known_indicator,
    known_place,
    known_unit,
    numeric,
    period,
    required,
    within_bounds,
    year_in_range,
)

COLUMNS = (
    "figure_id", "source_line", "entity_as_written", "level_as_written", "level", "place_code",
    "year", "period", "indicator_as_written", "indicator", "sector", "growth_of", "kind",
    "qualifier", "value_as_written", "value", "unit_as_written", "unit", "growth_pct_stated",
    "growth_basis", "status_as_written", "vintage_status", "published", "source_url",
    "source_kind", "reliability", "reliability_rank", "notes", "curation_note",
)

# Targets look ahead: a plan may set one for 2035 or beyond.
_LAST_TARGET_YEAR = 2100

official_figures = Resource(
    name="official_figures",
    table="raw.official_figures",
    path=Path("figures/official_figures.csv"),
    columns=COLUMNS,
    key=("figure_id",),
    rules=(
        *required("figure_id", "place_code", "year", "indicator", "value", "unit",
                  "source_url"),
        known_place("place_code"),
        known_unit("unit"),
        known_indicator("indicator"),
        *numeric("value", "growth_pct_stated"),
        *integer("source_line", "reliability_rank"),
        year_in_range("year", last=_LAST_TARGET_YEAR),
        period("period", last=_LAST_TARGET_YEAR),
        in_set("kind", ["actual", "target", "forecast"], allow_blank=False),
        in_set("qualifier", ["eq", "gt", "gte", "lt", "lte", "approx"], allow_blank=False),
        date("published"),
        within_bounds("value", '"indicator"', '"unit"'),
    ),
    description="Figures from communiqués and reports, with source address and reliability.",
)

RESOURCES = [official_figures]
