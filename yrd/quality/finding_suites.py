"""Warning suites for the problems of parsed and secondary sources and of level breaks:
each lists its rows (observation, evidence, source reference) in `yrd check`.

The checks themselves are dbt models (int_figure_checks, int_level_break_checks,
int_series_completeness, int_census_base_breaks), so the flags they set steer the choice
of the current value; these suites make each one a named finding with its rows.
"""

from __future__ import annotations

from yrd.quality.expectations import Exp, Suite, in_set, no_rows

FINDING_COLUMNS = ("observation_id", "flag", "place_code", "indicator", "sector", "period",
                   "value_as_written", "unit_as_written", "evidence", "source_ref")

# flag → (model, why); one suite per flag so each check is named in `yrd check`.
FLAG_CHECKS: dict[str, tuple[str, str]] = {
    "share_stored_as_amount": (
        "int_figure_checks",
        "a sector's value added written as at most 100 and under 1% of GDP: a share in percent "
        "stored where an amount belongs"),
    "usd_labelled_cny": (
        "int_figure_checks",
        "foreign trade labelled 亿元 that is too small for the city's GDP, or far below a "
        "neighbouring year and equal to it at the CNY/USD rate: money in 亿美元"),
    "duplicate_value_in_source": (
        "int_figure_checks",
        "one source gives two different values for one place, series and period"),
    "gdp_disagrees_with_sector_sum": (
        "int_figure_checks",
        "GDP of the new data unlike primary + secondary + tertiary value added"),
    "series_level_jump": (
        "int_figure_checks",
        "a level series of one source changes beyond the plausible between reported years "
        "(a value from the wrong clause, or a port's total given as the city's)"),
    "implausible_population_jump": (
        "int_level_break_checks",
        "a population far from both neighbouring years while they agree"),
    "derived_from_implausible_population": (
        "int_level_break_checks",
        "per-capita GDP that divides by an implausible population"),
    "per_capita_level_break": (
        "int_level_break_checks",
        "per-capita GDP falls while GDP does not: the population base changed"),
}


def _flag_suite(flag: str, model: str, why: str) -> Suite:
    sql = (f"select {', '.join(FINDING_COLUMNS)} from intermediate.{model} "
           f"where flag = '{flag}'")
    return Suite("marts", flag, sql, ("observation_id", "source_ref"),
                 (no_rows(why),))


def finding_suites() -> list[Suite]:
    return [
        *(_flag_suite(flag, model, why) for flag, (model, why) in FLAG_CHECKS.items()),
        Suite("marts", "series_completeness",
              "select * from intermediate.int_series_completeness",
              ("place_code", "source_type", "indicator", "sector", "growth_of", "unit", "year"), (
                  in_set("has_value", [True], "warning",
                         "a series of a place has no value in a year in which the place reports "
                         "other figures in the same source"),
              )),
        Suite("marts", "census_base_breaks",
              "select * from intermediate.int_census_base_breaks",
              ("place_code", "indicator", "sector", "year", "source_refs"), (
                  no_rows("levels on both sides of an economic-census break (the 2024 "
                          "communiqués are on the fifth census base): compare the published "
                          "real growth, never the levels"),
              )),
        Suite("marts", "vintage_statuses",
              "select observation_id, source_ref, vintage_status, published_date, "
              "published_date_basis from marts.fct_observations",
              ("observation_id", "source_ref"), (
                  Exp("ExpectColumnValuesToNotBeNull", {"column": "published_date"}, "error",
                      "every observation carries a publication date, stated or estimated"),
                  in_set("published_date_basis", ["stated", "estimated"]),
              )),
    ]
