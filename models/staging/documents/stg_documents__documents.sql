with

source as (

    select * from {{ source('documents', 'documents') }}

),

renamed as (

    select
        doc_id as document_id,
        doc as document_name,
        nullif(trim(source), '') as source_url,
        nullif(trim(date), '') as document_date_as_written,
        case
            when length(trim(date)) = 10 then try_cast(trim(date) as date)
            when length(trim(date)) = 7 then try_cast(trim(date) || '-01' as date)
        end as document_date,
        lang as language,
        title,
        cast(chars as integer) as body_chars,
        text as body,
        text is not null as has_text,
        -- communique: a statistical communiqué, loaded as its own source; else press
        coalesce(nullif(trim(doc_type), ''), 'press') as document_type,
        _file as source_file,
        _line as source_line,
        _load_id as load_id,
        _loaded_at as loaded_at

    from source

)

select * from renamed
