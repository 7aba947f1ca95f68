{#- One row per city and year: the 41 YRD cities (Shanghai and the prefecture-level
    cities) and the county-level cities that have GDP figures, compared within their
    group. Values are the current values of fct_current_values. -#}

with

current_values as (

    select * from {{ ref('fct_current_values') }}
    where regexp_full_match(period, '\d{4}')

),

places as (

    select * from {{ ref('dim_place') }}
    where comparison_group is not null

),

series as (

    select
        place_code,
        year,
        max(case when indicator = 'gdp' and sector = '' and unit = 'CNY' then value end) as gdp,
        max(case when indicator = 'gdp' and sector = '' and unit = 'CNY' then source_type end)
            as gdp_source_type,
        max(case when indicator = 'gdp' and sector = '' and unit = 'CNY' then chosen_observation_id end)
            as gdp_observation_id,
        bool_or(indicator = 'gdp' and sector = '' and unit = 'CNY' and is_suspect) as gdp_is_suspect,
        max(case when indicator = 'gdp_growth' and unit = 'percent' then value end)
            as real_gdp_growth_pct,
        max(case when indicator = 'gdp_per_capita' and unit = 'CNY' then value end)
            as gdp_per_capita_published,
        max(case when indicator = 'registered_population' then value end) as registered_population,
        max(case when indicator = 'resident_population' then value end) as resident_population,
        max(case when indicator = 'value_added' and unit = 'CNY'
            and sector = 'primary industry' then value end) as va_primary,
        max(case when indicator = 'value_added' and unit = 'CNY'
            and sector = 'secondary industry' then value end) as va_secondary,
        max(case when indicator = 'value_added' and unit = 'CNY'
            and sector = 'tertiary industry' then value end) as va_tertiary,
        max(case when indicator = 'value_added' and unit = 'percent' and growth_of = 'gdp'
            and sector = 'primary industry' then value end) as primary_share_published_pct,
        max(case when indicator = 'value_added' and unit = 'percent' and growth_of = 'gdp'
            and sector = 'secondary industry' then value end) as secondary_share_published_pct,
        max(case when indicator = 'value_added' and unit = 'percent' and growth_of = 'gdp'
            and sector = 'tertiary industry' then value end) as tertiary_share_published_pct

    from current_values
    group by place_code, year

),

joined as (

    select
        places.place_code,
        places.name_en,
        places.name_zh,
        places.comparison_group,
        places.province_code,
        places.province_name_en,
        places.yrd_central_area,
        series.year,
        series.gdp,
        series.gdp / 1e8 as gdp_100m_yuan,
        series.gdp_source_type,
        series.gdp_observation_id,
        coalesce(series.gdp_is_suspect, false) as gdp_is_suspect,
        series.real_gdp_growth_pct,
        series.gdp_per_capita_published,
        series.registered_population,
        {{ safe_divide('series.gdp', 'series.registered_population') }}
            as gdp_per_capita_registered_population,
        series.resident_population,
        {{ safe_divide('series.gdp', 'series.resident_population') }}
            as gdp_per_capita_resident_population,
        coalesce(100 * {{ safe_divide('series.va_primary', 'series.gdp') }},
            series.primary_share_published_pct) as primary_share_pct,
        coalesce(100 * {{ safe_divide('series.va_secondary', 'series.gdp') }},
            series.secondary_share_published_pct) as secondary_share_pct,
        coalesce(100 * {{ safe_divide('series.va_tertiary', 'series.gdp') }},
            series.tertiary_share_published_pct) as tertiary_share_pct

    from series
    inner join places
        on series.place_code = places.place_code
    where series.gdp is not null

),

totals as (

    select
        year,
        sum(gdp) as yrd_city_gdp_total,
        count(*) as yrd_cities_reporting

    from joined
    where comparison_group = 'city'
    group by year

),

province_totals as (

    select
        year,
        province_code,
        sum(gdp) as province_city_gdp_total

    from joined
    where comparison_group = 'city'
    group by year, province_code

),

shanghai as (

    select year, gdp as shanghai_gdp
    from joined
    where place_code = '{{ var("reference_place_code") }}'

),

final as (

    select
        joined.*,
        rank() over (partition by joined.comparison_group, joined.year order by joined.gdp desc)
            as rank_in_yrd,
        rank() over (
            partition by joined.comparison_group, joined.year, joined.province_code
            order by joined.gdp desc
        ) as rank_in_province,
        count(*) over (partition by joined.comparison_group, joined.year) as places_ranked,
        100 * {{ safe_divide('joined.gdp', 'province_totals.province_city_gdp_total') }}
            as share_of_province_pct,
        100 * {{ safe_divide('joined.gdp', 'totals.yrd_city_gdp_total') }} as share_of_yrd_pct,
        totals.yrd_cities_reporting,
        {{ safe_divide('joined.gdp', 'shanghai.shanghai_gdp') }} as ratio_to_shanghai

    from joined
    left join totals
        on joined.year = totals.year
    left join province_totals
        on joined.year = province_totals.year and joined.province_code = province_totals.province_code
    left join shanghai
        on joined.year = shanghai.year

)

select * from final
