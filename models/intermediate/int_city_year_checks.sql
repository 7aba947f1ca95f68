{#- One row per place and year of the yearbook: the identities a city's figures must
    satisfy, as ratios, and a flag for each that fails. Thresholds are dbt vars. -#}

with

yearbook as (

    select * from {{ ref('int_yearbook_observations') }}
    where indicator in (
        'gdp', 'value_added', 'gdp_per_capita', 'gdp_growth', 'registered_population'
    )

),

pivoted as (

    select
        place_code,
        year,
        max(case when indicator = 'gdp' then value end) as gdp,
        max(case when indicator = 'gdp_growth' then value end) as gdp_growth,
        max(case when indicator = 'gdp_per_capita' then value end) as gdp_per_capita,
        max(case when indicator = 'registered_population' then value end)
            as registered_population,
        max(case when indicator = 'value_added' and unit = 'CNY'
            and sector = 'primary industry' then value end) as va_primary,
        max(case when indicator = 'value_added' and unit = 'CNY'
            and sector = 'secondary industry' then value end) as va_secondary,
        max(case when indicator = 'value_added' and unit = 'CNY'
            and sector = 'tertiary industry' then value end) as va_tertiary,
        max(case when indicator = 'value_added' and unit = 'percent'
            and sector = 'primary industry' then value end) as share_primary,
        max(case when indicator = 'value_added' and unit = 'percent'
            and sector = 'secondary industry' then value end) as share_secondary,
        max(case when indicator = 'value_added' and unit = 'percent'
            and sector = 'tertiary industry' then value end) as share_tertiary,
        string_agg(distinct source_file || ':' || source_line, ', ') as source_rows

    from yearbook
    group by place_code, year

),

with_previous as (

    select
        *,
        lag(gdp) over (partition by place_code order by year) as previous_gdp,
        lag(year) over (partition by place_code order by year) as previous_year

    from pivoted
    where gdp is not null or registered_population is not null

),

ratios as (

    select
        *,
        {{ safe_divide('va_primary + va_secondary + va_tertiary', 'gdp') }} as sector_sum_ratio,
        share_primary + share_secondary + share_tertiary as share_sum,
        100 * {{ safe_divide('va_primary', 'gdp') }} - share_primary as primary_share_gap_pp,
        100 * {{ safe_divide('va_secondary', 'gdp') }} - share_secondary as secondary_share_gap_pp,
        100 * {{ safe_divide('va_tertiary', 'gdp') }} - share_tertiary as tertiary_share_gap_pp,
        {{ safe_divide(safe_divide('gdp', 'gdp_per_capita'), 'registered_population') }}
            as implied_to_registered_population,
        case when previous_year = year - 1 then {{ safe_divide('gdp', 'previous_gdp') }} end
            as gdp_yoy_ratio,
        case when previous_year = year - 1 and gdp_growth is not null
                then {{ safe_divide(safe_divide('gdp', 'previous_gdp'), '1 + gdp_growth / 100') }}
        end as implied_deflator

    from with_previous

),

final as (

    select
        *,
        abs(sector_sum_ratio - 1) > {{ var('sector_sum_tolerance') }} as flag_sector_sum,
        abs(share_sum - 100) > {{ var('share_sum_tolerance_pp') }} as flag_share_sum,
        abs(primary_share_gap_pp) > {{ var('share_gap_tolerance_pp') }} as flag_primary_share,
        abs(secondary_share_gap_pp) > {{ var('share_gap_tolerance_pp') }} as flag_secondary_share,
        abs(tertiary_share_gap_pp) > {{ var('share_gap_tolerance_pp') }} as flag_tertiary_share,
        implied_to_registered_population not between {{ var('per_capita_population_ratio_min') }}
        and {{ var('per_capita_population_ratio_max') }} as flag_per_capita,
        gdp_yoy_ratio not between {{ var('yoy_ratio_min') }} and {{ var('yoy_ratio_max') }}
            as flag_yoy,
        implied_deflator not between {{ var('deflator_min') }} and {{ var('deflator_max') }}
            as flag_growth_vs_levels

    from ratios

)

select * from final
