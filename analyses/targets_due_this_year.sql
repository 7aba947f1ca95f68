{#- Targets whose horizon falls in one year (default: the current calendar year) and
    their status against the latest actual: achieved, on_track, behind, missed or
    no_actual_yet (marts.targets_vs_actuals). Another year: --vars '{due_year: 2025}'. -#}
{%- set due_year = var('due_year', none) -%}

with

targets as (

    select * from {{ ref('targets_vs_actuals') }}

),

indicators as (

    select * from {{ ref('dim_indicator') }}

),

final as (

    select
        targets.target_id,
        targets.place_code,
        targets.place_name_zh,
        targets.place_name_en,
        targets.indicator,
        indicators.name_zh as indicator_name_zh,
        indicators.name_en as indicator_name_en,
        targets.sector,
        targets.subject,
        targets.unit,
        targets.horizon,
        targets.horizon_year,
        targets.qualifier,
        targets.target_value,
        targets.baseline_value,
        targets.baseline_period,
        targets.latest_actual_value,
        targets.latest_actual_period,
        round(100 * targets.attainment, 1) as attainment_pct,
        round(targets.required_annual_growth_pct, 2) as required_annual_growth_pct,
        round(targets.achieved_annual_growth_pct, 2) as achieved_annual_growth_pct,
        targets.status,
        targets.announced,
        targets.plan,
        targets.source_ref,
        targets.latest_actual_source_ref

    from targets
    left join indicators
        on targets.indicator = indicators.indicator
    where targets.horizon_year = {{ due_year if due_year is not none else 'year(current_date)' }}

)

select * from final
order by status, place_code, indicator, target_id
