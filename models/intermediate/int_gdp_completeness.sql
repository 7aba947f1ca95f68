{#- One row per yearbook city and year between the first and last year the city reports
    GDP: does the year have a GDP figure? -#}

with

yearbook as (

    select * from {{ ref('int_yearbook_observations') }}
    where indicator = 'gdp'

),

places as (

    select * from {{ ref('places') }}

),

spans as (

    select
        place_code,
        min(year) as first_year,
        max(year) as last_year

    from yearbook
    group by place_code

),

years as (

    select
        spans.place_code,
        cast(span_year.generate_series as integer) as year

    from spans
    cross join generate_series(spans.first_year, spans.last_year) as span_year

),

final as (

    select
        years.place_code,
        years.year,
        places.name_en,
        yearbook.observation_id is not null as has_gdp

    from years
    left join yearbook
        on years.place_code = yearbook.place_code and years.year = yearbook.year
    left join places
        on years.place_code = places.place_code

)

select * from final
