{#- Growth paths of the 27 cities of the YRD central area (长三角中心区, 2019 Outline):
    GDP year by year from a base year, as a nominal index (base year = 100), a real
    index chained from the published real growth rates, and the nominal compound annual
    growth since the base year. Base year: --vars '{base_year: 2010}' (default 2000). -#}
{%- set base_year = var('base_year', 2000) -%}

with

central_area as (

    select * from {{ ref('city_comparison') }}
    where yrd_central_area and comparison_group = 'city' and year >= {{ base_year }}

),

growth_factors as (

    select
        *,
        -- Years after the base year contribute ln(1 + real growth) to the chained index.
        case
            when year > {{ base_year }} then ln(1 + real_gdp_growth_pct / 100)
            else 0
        end as log_growth,
        year > {{ base_year }} and real_gdp_growth_pct is null as growth_missing

    from central_area

),

with_base as (

    select
        *,
        first_value(gdp) over per_city as base_gdp,
        first_value(year) over per_city as first_year,
        exp(sum(log_growth) over per_city) as real_chain,
        count(*) filter (where growth_missing) over per_city as growth_gaps

    from growth_factors
    window per_city as (partition by place_code order by year)

),

final as (

    select
        place_code,
        name_zh,
        name_en,
        province_name_en,
        year,
        first_year as base_year,
        round(gdp_100m_yuan, 2) as gdp_100m_yuan,
        real_gdp_growth_pct,
        round(100 * gdp / base_gdp, 1) as nominal_index,
        case when growth_gaps = 0 then round(100 * real_chain, 1) end as real_index,
        case
            when year > first_year
                then round(100 * (pow(gdp / base_gdp, 1 / (year - first_year)) - 1), 2)
        end as nominal_cagr_pct,
        rank_in_yrd

    from with_base

)

select * from final
order by place_code, year
