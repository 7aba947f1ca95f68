{#- Communiqué figures 2020–2025 and the secondary tables (data/communiques), one row per
    figure as copied: typed, the value in its base unit, nothing corrected. -#}

with

source as (

    select * from {{ source('communiques', 'communique_figures') }}

),

renamed as (

    select
        figure_id,
        origin_file,
        cast(origin_line as integer) as origin_line,
        place_name_as_written,
        trim(place_code) as place_code,
        period_as_written,
        trim(period) as period,
        {{ period_year('trim(period)') }} as year,
        indicator_as_written,
        trim(indicator) as indicator,
        coalesce(trim(sector), '') as sector,
        coalesce(trim(growth_of), '') as growth_of,
        trim(value) as value_as_written,
        unit_as_written,
        trim(unit) as unit_surface_form,
        {{ to_base_value(parse_number('value'), 'unit') }} as value,
        {{ base_unit('unit') }} as unit,
        trim(vintage_status) as vintage_status,
        vintage_basis,
        try_cast(nullif(trim(published), '') as date) as published_date,
        source_url,
        nullif(source_repo, '') as source_repo,
        nullif(source_path, '') as source_path,
        nullif(source_commit, '') as source_commit,
        source_kind,
        reliability,
        cast(reliability_rank as integer) as reliability_rank,
        notes,
        _file as source_file,
        _line as source_line,
        _load_id as load_id,
        _loaded_at as loaded_at

    from source

)

select * from renamed
