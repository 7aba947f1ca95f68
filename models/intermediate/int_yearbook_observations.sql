{#- The three yearbook tables in the common observation shape. -#}

with

city_gdp as (

    select * from {{ ref('stg_yearbook__city_gdp') }}

),

city_population as (

    select * from {{ ref('stg_yearbook__city_population') }}

),

province_cpi as (

    select * from {{ ref('stg_yearbook__province_cpi') }}

),

unioned as (

    select * from city_gdp
    union all
    select * from city_population
    union all
    select * from province_cpi

),

final as (

    select
        {{ surrogate_key(["'yearbook'", 'source_file', 'source_line', 'field']) }} as observation_id,
        place_code,
        indicator,
        sector,
        '' as subject,
        growth_of,
        cast(year as {{ string_type() }}) as period,
        year,
        'actual' as kind,
        'eq' as qualifier,
        value,
        unit,
        value_as_written,
        unit_as_written,
        value_as_written as stated_number,
        unit_as_written as stated_unit,
        'yearbook' as source_type,
        source_file || ':' || source_line || ' ' || field as source_ref,
        source_file,
        source_line,
        field as source_field,
        cast(null as {{ string_type() }}) as document_id,
        cast(null as integer) as quote_start,
        cast(null as integer) as quote_end,
        cast(null as {{ string_type() }}) as quote,
        cast(null as {{ string_type() }}) as source_url,
        cast(null as date) as published_date,
        'CSMAR yearbook export' as vintage,
        'final' as vintage_status,
        1 as reliability_rank,
        place_name_as_written,
        cast(null as {{ string_type() }}) as corrects_observation_id,
        load_id

    from unioned

)

select * from final
