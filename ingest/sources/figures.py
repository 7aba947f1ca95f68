"""Figures copied by hand from statistical communiqués, government sites and news
(data/figures/official_figures.csv, curated by scripts/curate_official_figures.py)."""

from __future__ import annotations

from pathlib import Path

from ingest.load import Resource, Rule, in_set, known_place, known_unit, numeric, q, required

COLUMNS = (
    "figure_id", "source_line", "entity_as_written", "level_as_written", "level", "place_code",
    "year", "period", "indicator_as_written", "indicator", "sector", "growth_of", "kind",
    "qualifier", "value_as_written", "value", "unit_as_written", "unit", "growth_pct_stated",
    "growth_basis", "status_as_written", "vintage_status", "published", "source_url",
    "source_kind", "reliability", "reliability_rank", "notes", "curation_note",
)

_unknown_indicator = Rule(
    "known_indicator",
    f"{q('indicator')} not in (select indicator_code from _indicators)",
    "'unknown indicator: ' || coalesce(indicator, 'NULL') || ' (not in seeds/indicators.csv)'",
)

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
        _unknown_indicator,
        *numeric("value", "year", "reliability_rank"),
        in_set("kind", ["actual", "target", "forecast"], allow_blank=False),
        in_set("qualifier", ["eq", "gt", "gte", "lt", "lte", "approx"], allow_blank=False),
        Rule(
            "published_date",
            "not (published is null or trim(published) = '') and "
            "try_cast(published as date) is null and "
            "not regexp_full_match(trim(published), '\\d{4}-\\d{2}')",
            "'published is not a date (YYYY-MM-DD or YYYY-MM): ' || published",
        ),
    ),
    description="Figures from communiqués and reports, with source address and reliability.",
)

RESOURCES = [official_figures]
