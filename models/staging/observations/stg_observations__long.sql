{#- Statistics in long format (data/observations/*.csv): one row per place, indicator,
    sector, period and vintage of a file, typed, the value in its base unit. -#}

with

-- Not materialised: the unit look-ups are correlated subqueries, for which DuckDB would
-- otherwise copy every row of raw into a CTE before any filter of a reader (the new loads
-- int_long_observations takes) could reach the table scan.
source as not materialized (

    select * from {{ source('observations', 'observations') }}

),

renamed as (

    select
        trim(place_code) as place_code,
        trim(indicator) as indicator,
        coalesce(trim(sector), '') as sector,
        trim(period) as period,
        {{ period_year('trim(period)') }} as year,
        trim(value) as value_as_written,
        trim(unit) as unit_as_written,
        {{ to_base_value(parse_number('value'), 'unit') }} as value,
        {{ base_unit('unit') }} as unit,
        trim(vintage) as vintage,
        case
            when lower(trim(vintage)) in ('communique', 'preliminary') then 'preliminary'
            when lower(trim(vintage)) in ('yearbook', 'revised') then 'revised'
            when lower(trim(vintage)) in ('final', 'estimate', 'census_revision')
                then lower(trim(vintage))
            else 'unknown_vintage'
        end as vintage_status,
        nullif(trim(published), '') as published,
        case
            when length(trim(published)) = 10 then try_cast(trim(published) as date)
            when length(trim(published)) = 7 then try_cast(trim(published) || '-01' as date)
        end as published_date,
        nullif(trim(source), '') as source,
        _file as source_file,
        _line as source_line,
        _load_id as load_id,
        _loaded_at as loaded_at

    from source

)

select * from renamed
