"""The suites, declared as data: which rows (SQL), which expectations, how much they matter.

severity `error` blocks publishing (the warehouse would be wrong or unusable);
severity `warning` is a data finding reported with its rows (the shipped statistics
have such problems; they are shown, never silently fixed).
Thresholds come from dbt_project.yml `vars`, the one home they share with the models.
"""

from __future__ import annotations

from yrd.quality.expectations import (
    Exp,
    Suite,
    between,
    in_set,
    no_rows,
    not_null,
    some_rows,
    unique,
    var,
)

BASE_UNITS = ["CNY", "USD", "EUR", "percent", "percentage_point", "persons", "person_times",
              "count", "m2", "km2", "km", "tonnes", "TEU", "vehicles", "times", "minutes",
              "index"]


def all_suites() -> list[Suite]:
    from yrd.quality.finding_suites import finding_suites

    return [*_core_suites(), *finding_suites()]


def _core_suites() -> list[Suite]:
    return [
        # ---- raw: what was loaded is complete and keyed ----
        Suite("raw", "raw_yearbook_city_gdp", "select * from raw.yearbook_city_gdp",
              ("_file", "_line"), (
                  some_rows(),
                  *not_null("Sgnyea", "Ctnm_id", "_file", "_line", "_load_id"),
                  unique("Sgnyea", "Ctnm_id"),
              )),
        Suite("raw", "raw_yearbook_city_population",
              "select * from raw.yearbook_city_population_employment", ("_file", "_line"), (
                  some_rows(),
                  *not_null("Sgnyea", "Ctnm_id", "_file", "_line"),
                  unique("Sgnyea", "Ctnm_id"),
              )),
        Suite("raw", "raw_yearbook_province_cpi", "select * from raw.yearbook_province_cpi",
              ("_file", "_line"), (some_rows(), unique("Sgnyea", "Prvcnm_id"))),
        Suite("raw", "raw_official_figures", "select * from raw.official_figures",
              ("_file", "_line"), (some_rows(), unique("figure_id"),
                                   *not_null("place_code", "indicator", "unit", "source_url"))),
        Suite("raw", "raw_quarantine", "select * from raw.quarantine", ("file", "line", "reason"), (
            no_rows("rows that could not be loaded cleanly are held in raw.quarantine"),
        )),
        # ---- staging: types cleaned, units converted, places resolved ----
        Suite("staging", "stg_yearbook__city_gdp",
              "select * from staging.stg_yearbook__city_gdp", ("source_file", "source_line",
                                                              "field"), (
                  some_rows(),
                  *not_null("year", "place_code", "indicator", "unit"),
                  Exp("ExpectColumnValuesToNotBeNull", {"column": "value"}, "error",
                      "a null value means the unit or the number did not convert"),
                  between("year", 1949, None),
              )),
        Suite("staging", "stg_figures__official_figures",
              "select * from staging.stg_figures__official_figures", ("figure_id",), (
                  some_rows(),
                  *not_null("place_code", "indicator", "value", "unit", "period"),
                  in_set("kind", ["actual", "target", "forecast"]),
                  in_set("qualifier", ["eq", "gt", "gte", "lt", "lte", "approx"]),
              )),
        # ---- marts: keys, domains, and the economist's identities ----
        Suite("marts", "fct_observations", "select * from marts.fct_observations",
              ("observation_id", "source_ref"), (
                  some_rows(),
                  unique("observation_id"),
                  *not_null("place_code", "indicator", "period", "value", "unit", "source_ref",
                            "kind", "qualifier"),
                  in_set("unit", BASE_UNITS),
                  in_set("kind", ["actual", "target", "forecast"]),
              )),
        Suite("marts", "fct_observations_money_levels",
              "select * from marts.fct_observations where unit in ('CNY', 'USD') "
              "and indicator in ('gdp', 'value_added', 'gdp_per_capita', 'retail_sales')",
              ("observation_id", "source_ref"), (
                  between("value", 0, None, why="money levels cannot be negative"),
              )),
        Suite("marts", "fct_current_values", "select * from marts.fct_current_values",
              ("place_code", "indicator", "sector", "subject", "growth_of", "unit", "period"), (
                  some_rows(),
                  unique("place_code", "indicator", "sector", "subject", "growth_of", "unit",
                         "period"),
                  *not_null("chosen_observation_id", "value"),
              )),
        Suite("marts", "city_comparison", "select * from marts.city_comparison",
              ("place_code", "year"), (
                  some_rows(),
                  unique("place_code", "year"),
                  between("share_of_yrd_pct", 0, 100),
                  between("share_of_province_pct", 0, 100),
                  between("ratio_to_shanghai", 0, None),
                  in_set("comparison_group", ["city", "county-level city"]),
              )),
        # ---- data findings in the shipped statistics (warnings, with rows) ----
        Suite("marts", "gdp_sector_consistency",
              "select place_code, year, gdp, va_primary, va_secondary, va_tertiary, "
              "sector_sum_ratio, share_sum, primary_share_gap_pp, secondary_share_gap_pp, "
              "tertiary_share_gap_pp, source_rows from intermediate.int_city_year_checks",
              ("place_code", "year", "source_rows"), (
                  between("sector_sum_ratio", 1 - var("sector_sum_tolerance"),
                          1 + var("sector_sum_tolerance"), "warning",
                          "primary + secondary + tertiary value added should equal GDP"),
                  between("share_sum", 100 - var("share_sum_tolerance_pp"),
                          100 + var("share_sum_tolerance_pp"), "warning",
                          "published sector shares should add to 100%"),
                  *(between(f"{s}_share_gap_pp", -var("share_gap_tolerance_pp"),
                            var("share_gap_tolerance_pp"), "warning",
                            f"{s} value added / GDP should match its published share")
                    for s in ("primary", "secondary", "tertiary")),
              )),
        Suite("marts", "per_capita_consistency",
              "select place_code, year, gdp, gdp_per_capita, registered_population, "
              "implied_to_registered_population, source_rows "
              "from intermediate.int_city_year_checks",
              ("place_code", "year", "source_rows"), (
                  between("implied_to_registered_population",
                          var("per_capita_population_ratio_min"),
                          var("per_capita_population_ratio_max"), "warning",
                          "GDP / GDP per capita should be a population of the same order as "
                          "the registered population"),
              )),
        Suite("marts", "year_on_year_plausibility",
              "select place_code, year, previous_gdp, gdp, gdp_yoy_ratio, gdp_growth, "
              "implied_deflator, source_rows from intermediate.int_city_year_checks",
              ("place_code", "year", "source_rows"), (
                  between("gdp_yoy_ratio", var("yoy_ratio_min"), var("yoy_ratio_max"), "warning",
                          "nominal GDP rarely moves this much in a year: unit slip, boundary "
                          "change or a mix of vintages"),
                  between("implied_deflator", var("deflator_min"), var("deflator_max"), "warning",
                          "the change in levels disagrees with the published real growth: "
                          "levels from different boundaries or vintages"),
              )),
        Suite("marts", "completeness",
              "select * from intermediate.int_gdp_completeness", ("place_code", "year"), (
                  in_set("has_gdp", [True], "warning",
                         "a city-year inside the city's span of years has no GDP"),
              )),
        Suite("marts", "source_agreement",
              "select * from intermediate.int_source_agreement where not explained_by_vintage",
              ("place_code", "indicator", "sector", "period", "yearbook_value", "other_value"), (
                  in_set("sources_agree", [True], "warning",
                         "the yearbook and a communiqué or report disagree beyond rounding"),
              )),
        Suite("marts", "place_names",
              "select * from intermediate.int_place_name_checks",
              ("source_table", "place_code", "name_as_written", "lookalike_codes"), (
                  in_set("name_matches_code", [True], "warning",
                         "the name written in the source is not the name of its code"),
                  Exp("ExpectColumnValuesToBeNull", {"column": "lookalike_codes"}, "warning",
                      "the name as written also names another place: resolved by code only"),
              )),
        Suite("marts", "structural_breaks",
              "select * from intermediate.int_structural_breaks", ("place_code", "year"), (
                  no_rows("a place in the data was abolished or re-drawn: series of it and "
                          "its successors break in that year"),
              )),
        # ---- targets, reconciliation, revisions: the marts' own invariants (errors) ----
        Suite("marts", "targets_vs_actuals", "select * from marts.targets_vs_actuals",
              ("target_id", "place_code", "indicator", "horizon"), (
                  some_rows(),
                  unique("target_id"),
                  *not_null("place_code", "indicator", "horizon", "target_value", "qualifier",
                            "status", "source_ref"),
                  in_set("status", TARGET_STATUSES),
                  between("attainment", 0, None, why="actual ÷ target cannot be negative"),
              )),
        Suite("marts", "targets_status_consistency", TARGET_STATUS_VIOLATIONS,
              ("target_id", "status", "violation"), (
                  no_rows("a target's status must follow from its numbers: achieved only when "
                          "the actual meets the target under its qualifier, missed only on an "
                          "actual for the horizon year, on_track only when achieved growth ≥ "
                          "required growth, and the horizon not before the announcement",
                          severity="error"),
              )),
        Suite("marts", "figure_reconciliation", "select * from marts.figure_reconciliation",
              ("observation_id", "source_ref"), (
                  unique("observation_id"),
                  *not_null("place_code", "indicator", "period", "stated_value", "status",
                            "source_ref"),
                  in_set("status", ["consistent", "conflict", "no_official_figure"]),
              )),
        Suite("marts", "reconciliation_links", RECONCILIATION_UNLINKED,
              ("observation_id", "official_observation_id", "problem"), (
                  no_rows("every reconciliation row names a press observation and, unless no "
                          "official figure exists, the official observation it was compared "
                          "with; both must exist in fct_observations", severity="error"),
              )),
        Suite("marts", "revisions", "select * from marts.revisions",
              ("from_observation_id", "to_observation_id"), (
                  *not_null("from_observation_id", "to_observation_id", "from_value",
                            "to_value"),
                  Exp("ExpectColumnPairValuesAToBeGreaterThanB",
                      {"column_A": "to_value", "column_B": "from_value", "or_equal": True,
                       "ignore_row_if": "either_value_is_missing", "mostly": 0.0},
                      "warning", "informational: revisions upward vs downward"),
              )),
    ]


TARGET_STATUSES = ["achieved", "on_track", "behind", "missed", "no_actual_yet"]

# Rows whose status contradicts their numbers (one row per violation).
TARGET_STATUS_VIOLATIONS = """
select target_id, status, 'achieved without meeting the target' as violation
from marts.targets_vs_actuals
where status = 'achieved' and not (
    case qualifier
        when 'gt' then latest_actual_value > target_value
        when 'lt' then latest_actual_value < target_value
        when 'approx' then latest_actual_value >= 0.98 * target_value
        else latest_actual_value >= target_value
    end)
union all
select target_id, status, 'missed before the horizon year'
from marts.targets_vs_actuals
where status = 'missed' and try_cast(latest_actual_period as integer) < horizon_year
union all
select target_id, status, 'a status that needs an actual, without one'
from marts.targets_vs_actuals
where status in ('achieved', 'missed', 'on_track', 'behind') and latest_actual_value is null
union all
select target_id, status, 'on track while growing slower than required'
from marts.targets_vs_actuals
where status = 'on_track' and achieved_annual_growth_pct < required_annual_growth_pct
union all
select target_id, status, 'horizon before the announcement'
from marts.targets_vs_actuals
where horizon_year < year(announced)
"""

RECONCILIATION_UNLINKED = """
select r.observation_id, r.official_observation_id,
       case when claim.observation_id is null then 'press observation missing'
            else 'official observation missing' end as problem
from marts.figure_reconciliation as r
left join marts.fct_observations as claim on claim.observation_id = r.observation_id
left join marts.fct_observations as official
    on official.observation_id = r.official_observation_id
where claim.observation_id is null
   or (r.status <> 'no_official_figure' and official.observation_id is null)
"""
