with

source as (

    select * from {{ source('figures', 'official_figures') }}

),

renamed as (

    select
        figure_id,
        cast(nullif(trim(source_line), '') as integer) as curated_from_line,
        entity_as_written,
        level_as_written,
        level,
        trim(place_code) as place_code,
        cast(trim(year) as integer) as year,
        coalesce(nullif(trim(period), ''), trim(year)) as period,
        indicator_as_written,
        indicator,
        coalesce(sector, '') as sector,
        coalesce(growth_of, '') as growth_of,
        kind,
        qualifier,
        value_as_written,
        unit_as_written,
        trim(unit) as unit_surface_form,
        trim(value) as value_stated,
        {{ to_base_value(parse_number('value'), 'unit') }} as value,
        {{ base_unit('unit') }} as unit,
        {{ parse_number('growth_pct_stated') }} as growth_pct_stated,
        growth_basis,
        status_as_written,
        -- The curated statuses in the controlled list of seeds/vintage_statuses.csv:
        -- a communiqué figure is the preliminary one (初步核算); a yearbook figure the revised one.
        case vintage_status
            when 'communique' then 'preliminary'
            when 'yearbook' then 'revised'
            when 'unknown' then 'unknown_vintage'
            else vintage_status
        end as vintage_status,
        nullif(trim(published), '') as published,
        case
            when length(trim(published)) = 10 then try_cast(trim(published) as date)
            when length(trim(published)) = 7 then try_cast(trim(published) || '-01' as date)
        end as published_date,
        source_url,
        source_kind,
        reliability,
        cast(nullif(trim(reliability_rank), '') as integer) as reliability_rank,
        notes,
        curation_note,
        _file as source_file,
        _line as source_line,
        _load_id as load_id,
        _loaded_at as loaded_at

    from source

)

select * from renamed
