{#- One row per city and year: the 41 YRD cities (Shanghai and the prefecture-level
    cities) and the county-level cities that have GDP figures, compared within their
    group. Values are the current values of fct_current_values. -#}


{%- set gdp_level = "indicator = 'gdp' and sector = '' and unit = 'CNY' and growth_of = ''" %}

with

current_values as (

    select * from {{ ref('fct_current_values') }}
    -- Annual values stated exactly (or "about"): a bound such as "more than 4.72 trillion"
    -- is not a level to rank or share.
    where regexp_full_match(period, '\d{4}') and qualifier in ('eq', 'approx')

),

places as (

    select * from {{ ref('dim_place') }}
    where comparison_group is not null

),

census_breaks as (

    select * from {{ ref('int_census_base_breaks') }}
    where indicator = 'gdp' and sector = ''

),

series as (

    select
        place_code,
        year,
        {{ series_value('gdp', 'CNY', growth_of='') }} as gdp,
        max(
            case
                when indicator = 'gdp' and sector = '' and unit = 'CNY' and growth_of = '' then source_type
            end
        ) as gdp_source_type,
        max(
            case
                when indicator = 'gdp' and sector = '' and unit = 'CNY' and growth_of = ''
                    then chosen_observation_id
            end
        ) as gdp_observation_id,
        bool_or(indicator = 'gdp' and sector = '' and unit = 'CNY' and growth_of = '' and is_suspect)
            as gdp_is_suspect,
        max(case when {{ gdp_level }} then source_ref end) as gdp_source_ref,
        max(case when {{ gdp_level }} then vintage_status end) as gdp_vintage_status,
        max(case when {{ gdp_level }} then published_date end) as gdp_published_date,
        max(case when {{ gdp_level }} then published_date_basis end) as gdp_published_date_basis,
        {{ series_value('gdp_growth', 'percent') }} as real_gdp_growth_pct,
        {{ series_value('gdp_per_capita', 'CNY') }} as gdp_per_capita_published,
        {{ series_value('registered_population', 'persons') }} as registered_population,
        -- A flagged population (e.g. a third of the years around it) taints what divides by it.
        coalesce(bool_or(indicator = 'registered_population' and is_suspect), false)
            as registered_population_is_suspect,
        coalesce(bool_or(indicator = 'gdp_per_capita' and is_suspect), false)
            as gdp_per_capita_is_suspect,
        {{ series_value('resident_population', 'persons') }} as resident_population,
        {{ series_value('value_added', 'CNY', 'primary industry', growth_of='') }} as va_primary,
        {{ series_value('value_added', 'CNY', 'secondary industry', growth_of='') }} as va_secondary,
        {{ series_value('value_added', 'CNY', 'tertiary industry', growth_of='') }} as va_tertiary,
        {{ series_value('value_added', 'percent', 'primary industry', growth_of='gdp') }}
            as primary_share_published_pct,
        {{ series_value('value_added', 'percent', 'secondary industry', growth_of='gdp') }}
            as secondary_share_published_pct,
        {{ series_value('value_added', 'percent', 'tertiary industry', growth_of='gdp') }}
            as tertiary_share_published_pct

    from current_values
    group by place_code, year

),

joined as (

    select
        places.place_code,
        places.name_en,
        places.display_name_en,
        places.name_zh,
        places.comparison_group,
        places.province_code,
        places.province_name_en,
        places.yrd_central_area,
        places.is_current,
        series.year,
        series.gdp,
        series.gdp / 1e8 as gdp_100m_yuan,
        series.gdp_source_type,
        series.gdp_observation_id,
        series.gdp_source_ref,
        series.gdp_vintage_status,
        series.gdp_published_date,
        series.gdp_published_date_basis,
        coalesce(series.gdp_is_suspect, false) as gdp_is_suspect,
        -- The first year on a new economic-census base: its levels are not comparable with
        -- the year before (compare the published real growth instead).
        census_breaks.census is not null as census_break_before,
        census_breaks.census as census_base_since,
        series.real_gdp_growth_pct,
        series.gdp_per_capita_published,
        series.registered_population,
        series.registered_population_is_suspect,
        series.gdp_per_capita_is_suspect,
        {{ safe_divide('series.gdp', 'series.registered_population') }}
            as gdp_per_capita_registered_population,
        series.resident_population,
        {{ safe_divide('series.gdp', 'series.resident_population') }}
            as gdp_per_capita_resident_population,
        coalesce(
            100 * {{ safe_divide('series.va_primary', 'series.gdp') }},
            series.primary_share_published_pct
        ) as primary_share_pct,
        coalesce(
            100 * {{ safe_divide('series.va_secondary', 'series.gdp') }},
            series.secondary_share_published_pct
        ) as secondary_share_pct,
        coalesce(
            100 * {{ safe_divide('series.va_tertiary', 'series.gdp') }},
            series.tertiary_share_published_pct
        ) as tertiary_share_pct

    from series
    inner join places
        on series.place_code = places.place_code
    left join census_breaks
        on series.place_code = census_breaks.place_code and series.year = census_breaks.year
    where series.gdp is not null

),

totals as (

    select
        year,
        sum(gdp) as yrd_city_gdp_total,
        count(*) as yrd_cities_reporting,
        count(*) filter (where is_current) as current_cities_reporting

    from joined
    where comparison_group = 'city'
    group by year

),

province_totals as (

    select
        year,
        province_code,
        sum(gdp) as province_city_gdp_total,
        count(*) as province_cities_reporting,
        count(*) filter (where is_current) as province_current_cities_reporting

    from joined
    where comparison_group = 'city'
    group by year, province_code

),

-- How many cities each group and province has today: ranks and shares are only computed
-- for a year in which all of them report (Chaohu, abolished in 2011, adds one before).
group_sizes as (

    select
        count(*) as current_cities,
        province_code

    from places
    where comparison_group = 'city' and is_current
    group by grouping sets ((), (province_code))

),

yrd_size as (

    select current_cities from group_sizes
    where province_code is null

),

shanghai as (

    select
        year,
        gdp as shanghai_gdp

    from joined
    where place_code = '{{ var("reference_place_code") }}'

),

completeness as (

    select
        joined.*,
        totals.yrd_city_gdp_total,
        totals.yrd_cities_reporting,
        province_totals.province_city_gdp_total,
        province_totals.province_cities_reporting,
        shanghai.shanghai_gdp,
        -- county-level cities are ranked among those with figures (places_ranked says how many)
        joined.comparison_group = 'county-level city'
        or totals.current_cities_reporting >= yrd_size.current_cities as group_complete,
        province_totals.province_current_cities_reporting >= province_size.current_cities
            as province_complete

    from joined
    left join totals
        on joined.year = totals.year
    left join province_totals
        on joined.year = province_totals.year and joined.province_code = province_totals.province_code
    left join shanghai
        on joined.year = shanghai.year
    cross join yrd_size
    left join group_sizes as province_size
        on joined.province_code = province_size.province_code

),

final as (

    select
        * exclude (yrd_city_gdp_total, province_city_gdp_total, shanghai_gdp),
        case when group_complete then rank() over (
            partition by comparison_group, year, group_complete order by gdp desc
        ) end as rank_in_yrd,
        case when group_complete and coalesce(province_complete, true) then rank() over (
            partition by comparison_group, year, province_code, group_complete order by gdp desc
        ) end as rank_in_province,
        count(*) over (partition by comparison_group, year) as places_ranked,
        -- Ranks and shares among the places that report GDP in the year, with their count:
        -- in a year where not all 41 cities report, this is not the YRD ranking.
        rank() over (partition by comparison_group, year order by gdp desc) as rank_among_reporting,
        'rank ' || rank() over (partition by comparison_group, year order by gdp desc)
        || ' of ' || count(*) over (partition by comparison_group, year)
        || case when group_complete then '' else ' reporting' end as rank_label,
        100 * gdp / sum(gdp) over (partition by comparison_group, year) as share_of_reporting_pct,
        rank() over (partition by comparison_group, year, province_code order by gdp desc)
            as rank_in_province_among_reporting,
        count(*) over (partition by comparison_group, year, province_code) as province_places_reporting,
        case
            when comparison_group = 'city' and province_complete
                then 100 * {{ safe_divide('gdp', 'province_city_gdp_total') }}
        end as share_of_province_pct,
        case
            when comparison_group = 'city' and group_complete
                then 100 * {{ safe_divide('gdp', 'yrd_city_gdp_total') }}
        end as share_of_yrd_pct,
        {{ safe_divide('gdp', 'shanghai_gdp') }} as ratio_to_shanghai

    from completeness

)

select * from final
