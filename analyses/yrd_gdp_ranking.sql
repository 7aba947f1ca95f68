{#- The GDP ranking of the 41 YRD cities (Shanghai and the prefecture-level cities) in
    one year, largest first. GDP is nominal, at current prices.
    Year: the latest year in which all 41 cities report, or
    dbt compile --select yrd_gdp_ranking --vars '{ranking_year: 2020}'
    yrd export analyses/yrd_gdp_ranking.sql --var ranking_year=2020 -o ranking.xlsx -#}
{%- set ranking_year = var('ranking_year', none) -%}

with

cities as (

    select * from {{ ref('city_comparison') }}
    where comparison_group = 'city'

),

places as (

    select * from {{ ref('dim_place') }}

),

chosen_year as (

    -- The year asked for, else the latest year in which all 41 cities report.
    select
        coalesce({{ ranking_year if ranking_year is not none else 'null' }}, max(year)) as year

    from cities
    where places_ranked = 41

),

final as (

    select
        cities.rank_in_yrd as rank,
        cities.year,
        cities.place_code,
        cities.name_zh,
        cities.name_en,
        cities.display_name_en,
        places.province_name_zh,
        cities.province_name_en,
        round(cities.gdp_100m_yuan, 2) as gdp_100m_yuan,
        round(cities.gdp / 1e9, 1) as gdp_billion_yuan,
        cities.real_gdp_growth_pct,
        round(cities.share_of_yrd_pct, 2) as share_of_yrd_pct,
        cities.rank_in_province,
        round(cities.ratio_to_shanghai, 3) as ratio_to_shanghai,
        cities.yrd_central_area,
        cities.places_ranked

    from cities
    inner join chosen_year
        on cities.year = chosen_year.year
    left join places
        on cities.place_code = places.place_code

)

select * from final
order by rank, place_code
