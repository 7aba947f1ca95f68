{#- Kunshan (昆山市, 320583) against the other county-level cities that have GDP figures,
    year by year: rank among them, GDP as a multiple of Kunshan's, and how many of the
    41 YRD cities (prefecture level and Shanghai) Kunshan out-produces.
    Another county-level city: --vars '{county_city_code: "320281"}' (Jiangyin). -#}
{%- set focus_code = var('county_city_code', '320583') -%}

with

comparison as (

    select * from {{ ref('city_comparison') }}

),

county_level as (

    select * from comparison
    where comparison_group = 'county-level city'

),

focus as (

    select
        year,
        name_en as focus_name_en,
        gdp as focus_gdp

    from county_level
    where place_code = '{{ focus_code }}'

),

cities_below_focus as (

    select
        focus.year,
        count(*) filter (where comparison.gdp < focus.focus_gdp) as yrd_cities_smaller,
        count(*) as yrd_cities_ranked

    from focus
    inner join comparison
        on focus.year = comparison.year
    where comparison.comparison_group = 'city'
    group by focus.year

),

final as (

    select
        county_level.year,
        county_level.rank_in_yrd as rank_among_county_level_cities,
        county_level.places_ranked as county_level_cities_reporting,
        county_level.place_code,
        county_level.name_zh,
        county_level.name_en,
        county_level.province_name_en,
        round(county_level.gdp_100m_yuan, 2) as gdp_100m_yuan,
        county_level.real_gdp_growth_pct,
        round(county_level.gdp_per_capita_published, 0) as gdp_per_capita_published,
        county_level.place_code = '{{ focus_code }}' as is_focus,
        focus.focus_name_en,
        round(county_level.gdp / focus.focus_gdp, 3) as ratio_to_focus,
        cities_below_focus.yrd_cities_smaller as focus_larger_than_yrd_cities,
        cities_below_focus.yrd_cities_ranked

    from county_level
    inner join focus
        on county_level.year = focus.year
    left join cities_below_focus
        on county_level.year = cities_below_focus.year

)

select * from final
order by year, rank_among_county_level_cities, place_code
