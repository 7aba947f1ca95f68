with

source as (

    select * from {{ source('documents', 'document_figures') }}

),

renamed as (

    select
        doc_id as document_id,
        doc as document_name,
        cast(trim(start) as integer) as quote_start,
        cast(trim("end") as integer) as quote_end,
        quote,
        {{ parse_number('value') }} as value,
        unit,
        coalesce(subject, '') as subject,
        nullif(trim(geo), '') as geo,
        nullif(trim(place_code), '') as place_code,
        nullif(trim(indicator), '') as indicator,
        coalesce(sector, '') as sector,
        nullif(trim(period), '') as period,
        kind,
        qualifier,
        conversion = '1' as is_conversion,
        coalesce(growth_of, '') as growth_of,
        lang as language,
        nullif(flags, '') as extraction_flags,
        try_cast(confidence as double) as confidence,
        extractor_version,
        _file as source_file,
        _line as source_line,
        _load_id as load_id,
        _loaded_at as loaded_at

    from source

)

select * from renamed
