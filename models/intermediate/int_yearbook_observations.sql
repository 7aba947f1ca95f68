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
        -- The export states no date: estimated as the yearbook edition that prints year Y.
        {{ estimated_publication_date('cast(year as ' ~ string_type() ~ ')', "'yearbook_edition'") }}
            as published_date,
        'estimated' as published_date_basis,
        'yearbook_edition' as published_date_rule,
        'CSMAR yearbook export' as vintage,
        -- CSMAR re-keys the City Statistical Yearbook and never says which vintage it carries.
        'unknown_vintage' as vintage_status,
        1 as reliability_rank,
        place_name_as_written,
        cast(null as {{ string_type() }}) as corrects_observation_id,
        load_id

    from unioned

)

select * from final
