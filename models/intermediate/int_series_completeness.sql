{#- Completeness of every series, not only GDP: for the yearbook export and the communiqué
    source, one row per place, series and year in which the place reports anything in that
    source, for every series the place has at least once there. A false has_value is a gap
    (e.g. growth or sector shares missing for some cities in some years). -#}

with

observations as (

    select * from {{ ref('int_observations_unioned') }}
    where
        kind = 'actual' and source_type in ('yearbook', 'communiques')
        and regexp_full_match(period, '\d{4}')

),

places as (

    select * from {{ ref('places') }}

),

place_years as (

    select distinct
        place_code,
        source_type,
        year

    from observations

),

place_series as (

    select distinct
        place_code,
        source_type,
        indicator,
        sector,
        growth_of,
        unit

    from observations

),

series_values as (

    select distinct
        place_code,
        source_type,
        indicator,
        sector,
        growth_of,
        unit,
        year

    from observations

),

final as (

    select
        place_series.place_code,
        places.name_en,
        place_series.source_type,
        place_series.indicator,
        place_series.sector,
        place_series.growth_of,
        place_series.unit,
        place_years.year,
        series_values.year is not null as has_value

    from place_series
    inner join place_years
        on
            place_series.place_code = place_years.place_code
            and place_series.source_type = place_years.source_type
    left join series_values
        on
            place_series.place_code = series_values.place_code
            and place_series.source_type = series_values.source_type
            and place_series.indicator = series_values.indicator
            and place_series.sector = series_values.sector
            and place_series.growth_of = series_values.growth_of
            and place_series.unit = series_values.unit
            and place_years.year = series_values.year
    left join places
        on place_series.place_code = places.place_code

)

select * from final
