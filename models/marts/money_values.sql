{#- One row per current money value in yuan of a year (fct_current_values, annual periods):
    the nominal value, the value in constant prices of the base year (deflated by the
    consumer price index of the place's province, yearbook Pi0101, base year = 100), and
    the value in US dollars at the year's average ECB cross rate (seeds/fx_rates.csv).
    Real values are null where the province's CPI chain does not reach the year; dollar
    values where the ECB has no CNY rate (before 2005). Note: deflating GDP by the CPI is
    an approximation (no GDP deflator in the shipped data). -#}

with

current_values as (

    select * from {{ ref('fct_current_values') }}
    where unit = 'CNY' and regexp_full_match(period, '\d{4}')

),

places as (

    select * from {{ ref('dim_place') }}

),

prices as (

    select * from {{ ref('int_province_price_index') }}

),

fx as (

    select * from {{ ref('fx_rates') }}
    where currency = 'USD'

),

final as (

    select
        current_values.place_code,
        current_values.indicator,
        current_values.sector,
        current_values.subject,
        current_values.growth_of,
        current_values.period,
        current_values.year,
        current_values.value as value_cny,
        prices.price_level,
        prices.base_year as real_base_year,
        current_values.value * 100 / prices.price_level as value_real_cny,
        fx.cny_per_unit as cny_per_usd,
        fx.days as fx_days,
        current_values.value / fx.cny_per_unit as value_usd,
        current_values.chosen_observation_id

    from current_values
    left join places
        on current_values.place_code = places.place_code
    left join prices
        on places.province_code = prices.province_code and current_values.year = prices.year
    left join fx
        on current_values.year = fx.year

)

select * from final
