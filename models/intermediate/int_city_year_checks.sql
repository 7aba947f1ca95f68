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
        {{ series_value('gdp', 'CNY') }} as gdp,
        {{ series_value('gdp_growth', 'percent') }} as gdp_growth,
        {{ series_value('gdp_per_capita', 'CNY') }} as gdp_per_capita,
        {{ series_value('registered_population', 'persons') }} as registered_population,
        {{ series_value('value_added', 'CNY', 'primary industry') }} as va_primary,
        {{ series_value('value_added', 'CNY', 'secondary industry') }} as va_secondary,
        {{ series_value('value_added', 'CNY', 'tertiary industry') }} as va_tertiary,
        {{ series_value('value_added', 'percent', 'primary industry') }} as share_primary,
        {{ series_value('value_added', 'percent', 'secondary industry') }} as share_secondary,
        {{ series_value('value_added', 'percent', 'tertiary industry') }} as share_tertiary,
        string_agg(
            distinct source_file || ':' || source_line, ', ' order by source_file || ':' || source_line
        ) as source_rows

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
        case
            when previous_year = year - 1 and gdp_growth is not null
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
