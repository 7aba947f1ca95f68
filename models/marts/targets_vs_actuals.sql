{#- One row per target: what was announced, the latest actual of the same series, and
    whether it was reached. Status rules, in order:
    no_actual_yet — no actual of the series after the baseline (or none at all);
    achieved — the latest actual meets the target (qualifier honoured: "more than 15" needs 16);
    missed — an actual for the horizon year (or later) exists and does not meet it;
    on_track — achieved annual growth since the baseline ≥ the growth the target requires;
    behind — otherwise. A target due in 2025 is never missed on 2024 data.
    A target also stated without its sector is compared with the sector's actuals if
    there are any, else with the sector-less series of the subject it was stated with.
    Growth is never computed from levels across an economic-census break (the 2024 levels
    are on the fifth census base, the 2023 ones are not): there the achieved growth of a
    GDP target is the published real growth, compounded (achieved_growth_basis says so). -#}

with

targets as (

    select * from {{ ref('int_targets_unioned') }}

),

current_values as (

    select * from {{ ref('fct_current_values') }}
    where regexp_full_match(period, '\d{4}') and growth_of = ''

),

places as (

    select * from {{ ref('dim_place') }}

),

censuses as (

    select * from {{ ref('economic_censuses') }}

),

real_growth as (

    select
        place_code,
        year,
        value as growth_pct

    from {{ ref('fct_current_values') }}
    where
        regexp_full_match(period, '\d{4}') and indicator = 'gdp_growth' and sector = ''
        and subject = '' and unit = 'percent'

),

matches as (

    select
        targets.target_id,
        targets.sector = current_values.sector as is_same_sector,
        current_values.year,
        current_values.value,
        current_values.period,
        current_values.source_ref,
        current_values.vintage

    from targets
    inner join current_values
        on
            targets.place_code = current_values.place_code
            and targets.indicator = current_values.indicator
            and (
                (
                    targets.sector = current_values.sector
                    and targets.subject = current_values.subject
                )
                or (
                    targets.stated_without_sector
                    and current_values.sector = ''
                    and targets.subject_without_sector = current_values.subject
                )
            )
            and targets.unit = current_values.unit

),

-- The target's own sector when it has actuals, else the sector-less series.
candidates as (

    select * exclude (is_same_sector)
    from matches
    qualify is_same_sector = max(is_same_sector) over (partition by target_id)

),

latest as (

    select
        target_id,
        arg_max(value, year) as latest_actual_value,
        arg_max(period, year) as latest_actual_period,
        max(year) as latest_actual_year,
        arg_max(source_ref, year) as latest_actual_source_ref,
        arg_max(vintage, year) as latest_actual_vintage

    from candidates
    group by target_id

),

-- The baseline: as the source gives it, else the latest actual of a year before the
-- announcement (what was known when the target was set), labelled as derived.
derived_baseline as (

    select
        candidates.target_id,
        arg_max(candidates.value, candidates.year) as baseline_value,
        max(candidates.year) as baseline_year

    from candidates
    inner join targets
        on candidates.target_id = targets.target_id
    where candidates.year < coalesce(year(targets.announced), targets.horizon_year)
    group by candidates.target_id

),

joined as (

    select
        targets.*,
        places.name_en as place_name_en,
        places.display_name_en as place_display_name_en,
        places.name_zh as place_name_zh,
        coalesce(targets.baseline_value, derived_baseline.baseline_value) as baseline,
        coalesce(try_cast(left(targets.baseline_period, 4) as integer), derived_baseline.baseline_year)
            as baseline_year,
        case
            when targets.baseline_value is not null then 'stated'
            when derived_baseline.baseline_value is not null then 'derived: latest actual before announcement'
        end as baseline_origin,
        latest.latest_actual_value,
        latest.latest_actual_period,
        latest.latest_actual_year,
        latest.latest_actual_source_ref,
        latest.latest_actual_vintage

    from targets
    left join places
        on targets.place_code = places.place_code
    left join derived_baseline
        on targets.target_id = derived_baseline.target_id
    left join latest
        on targets.target_id = latest.target_id

),

breaks as (

    select
        joined.target_id,
        count(censuses.census) > 0 as crosses_census_break

    from joined
    left join censuses
        on
            joined.indicator in ('gdp', 'value_added', 'gdp_per_capita')
            and joined.baseline_year < censuses.first_year_on_new_base
            and joined.latest_actual_year >= censuses.first_year_on_new_base
    group by joined.target_id

),

compounded_real_growth as (

    select
        joined.target_id,
        100 * (exp(avg(ln(1 + real_growth.growth_pct / 100))) - 1) as real_growth_pct,
        count(*) as growth_years

    from joined
    inner join real_growth
        on
            joined.place_code = real_growth.place_code
            and joined.baseline_year < real_growth.year
            and joined.latest_actual_year >= real_growth.year
    where joined.indicator = 'gdp'
    group by joined.target_id, joined.latest_actual_year, joined.baseline_year
    having count(*) = joined.latest_actual_year - joined.baseline_year

),

measured_levels as (

    select
        joined.*,
        coalesce(breaks.crosses_census_break, false) as crosses_census_break,
        compounded_real_growth.real_growth_pct

    from joined
    left join breaks
        on joined.target_id = breaks.target_id
    left join compounded_real_growth
        on joined.target_id = compounded_real_growth.target_id

),

measured as (

    select
        * exclude (real_growth_pct),
        {{ safe_divide('latest_actual_value', 'target_value') }} as attainment,
        {{ annual_growth_pct('baseline', 'baseline_year', 'target_value', 'horizon_year') }}
            as required_annual_growth_pct,
        case
            when crosses_census_break then real_growth_pct
            else {{ annual_growth_pct(
                'baseline', 'baseline_year', 'latest_actual_value', 'latest_actual_year'
            ) }}
        end as achieved_annual_growth_pct,
        case
            when crosses_census_break and real_growth_pct is not null
                then 'published real growth (the levels cross an economic-census break)'
            when crosses_census_break then 'none: the levels cross an economic-census break'
            when baseline is not null and latest_actual_value is not null then 'levels'
        end as achieved_growth_basis,
        {{ meets_target('latest_actual_value', 'target_value', 'qualifier') }} as is_met

    from measured_levels

),

final as (

    select
        target_id,
        place_code,
        place_name_en,
        place_display_name_en,
        place_name_zh,
        indicator,
        sector,
        subject,
        unit,
        horizon,
        horizon_year,
        target_value,
        qualifier,
        baseline as baseline_value,
        cast(baseline_year as varchar) as baseline_period,
        baseline_origin,
        announced,
        plan,
        source_type,
        source_ref,
        source_url,
        statement_count,
        stated_without_sector,
        latest_actual_value,
        latest_actual_period,
        latest_actual_source_ref,
        latest_actual_vintage,
        attainment,
        required_annual_growth_pct,
        achieved_annual_growth_pct,
        achieved_growth_basis,
        crosses_census_break,
        case
            when latest_actual_value is null then 'no_actual_yet'
            when is_met then 'achieved'
            when latest_actual_year >= horizon_year then 'missed'
            when baseline_year is not null and latest_actual_year <= baseline_year then 'no_actual_yet'
            when achieved_annual_growth_pct >= required_annual_growth_pct then 'on_track'
            else 'behind'
        end as status

    from measured

)

select * from final
