{#- Figures extracted from press releases, news and communiqués, in the common observation
    shape; a statistical communiqué's figures are source_type 'communique_text' (ranked above press
    and news in seeds/sources.csv), the others 'document'.
    Currency restatements ("about 7.18 billion U.S. dollars") are kept out: they repeat
    another figure of the same sentence. Figures without a resolved place stay in staging. -#}

with

figures as (

    select * from {{ ref('stg_documents__figures') }}

),

documents as (

    select * from {{ ref('stg_documents__documents') }}

),

numbered as (

    select
        figures.*,
        documents.source_url,
        documents.document_type,
        documents.document_date,
        documents.document_date_as_written,
        -- The first number of the quote as written, with its decimal mark made a point:
        -- "474,81 milliards" → 474.81, "300 000 m²" → 300000, "4748.06亿元" → 4748.06.
        regexp_extract(figures.quote, '\d[\d.,  ]*\d|\d') as number_token

    from figures
    left join documents
        on figures.document_id = documents.document_id

),

stated as (

    select
        *,
        case
            when regexp_full_match(number_token, '\d{1,3}([,.  ]\d{3})+')
                then regexp_replace(number_token, '[,.  ]', '', 'g')
            else replace(regexp_replace(number_token, '[  ]', '', 'g'), ',', '.')
        end as stated_number

    from numbered

),

final as (

    select
        {{ surrogate_key(["'document'", 'document_id', 'quote_start', 'quote_end']) }}
            as observation_id,
        place_code,
        indicator,
        sector,
        subject,
        growth_of,
        coalesce(period, cast(year(document_date) as varchar)) as period,
        {{ period_year('coalesce(period, cast(year(document_date) as varchar))') }} as year,
        kind,
        qualifier,
        value,
        unit,
        quote as value_as_written,
        unit as unit_as_written,
        stated_number,
        cast(null as varchar) as stated_unit,
        -- a communiqué's figures are the city's own statistics: their own source type
        case document_type when 'communique' then 'communique_text' else 'document' end
            as source_type,
        document_name || ':' || quote_start || '-' || quote_end as source_ref,
        source_file,
        source_line,
        document_name as source_field,
        document_id,
        quote_start,
        quote_end,
        quote,
        source_url,
        {{ publication_date(
            'document_date',
            'coalesce(period, cast(year(document_date) as varchar))',
            "case document_type when 'communique' then 'communique' else 'press' end"
        ) }} as published_date,
        {{ publication_date_basis('document_date') }} as published_date_basis,
        case
            when document_date is null
                then case document_type when 'communique' then 'communique' else 'press' end
        end as published_date_rule,
        case document_type when 'communique' then 'communique ' else 'press ' end
        || coalesce(document_date_as_written, 'undated') as vintage,
        -- a communiqué's figures are its preliminary statistics (初步核算); the rest are claims
        case document_type when 'communique' then 'preliminary' else 'press' end
            as vintage_status,
        5 as reliability_rank,
        geo as place_name_as_written,
        cast(null as varchar) as corrects_observation_id,
        load_id

    from stated
    where place_code is not null and indicator is not null and not is_conversion

)

select * from final
