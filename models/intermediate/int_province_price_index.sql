{#- One row per province and year: the consumer price level chained from the yearbook's
    CPI (previous year = 100) with the base year (var cpi_base_year) = 100. Only the
    unbroken run of years around the base year is chained: a gap ends the chain. -#}

with

cpi as (

    select
        place_code as province_code,
        year,
        value as cpi_previous_year_100

    from {{ ref('int_yearbook_observations') }}
    where indicator = 'cpi' and value > 0

),

segmented as (

    select
        *,
        -- years minus their rank is constant within an unbroken run of years
        year - row_number() over (partition by province_code order by year) as run_id,
        sum(ln(cpi_previous_year_100 / 100)) over (
            partition by province_code order by year rows unbounded preceding
        ) as log_level

    from cpi

),

base as (

    select
        province_code,
        run_id,
        log_level as base_log_level

    from segmented
    where year = {{ var('cpi_base_year') }}

),

final as (

    select
        segmented.province_code,
        segmented.year,
        segmented.cpi_previous_year_100,
        100 * exp(segmented.log_level - base.base_log_level) as price_level,
        {{ var('cpi_base_year') }} as base_year

    from segmented
    inner join base
        on segmented.province_code = base.province_code and segmented.run_id = base.run_id

)

select * from final
