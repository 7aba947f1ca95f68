{#- Communiqué figures 2020–2025 and the secondary tables in the common observation shape. -#}

with

figures as (

    select * from {{ ref('stg_communiques__figures') }}

),

with_rule as (

    select
        *,
        -- A final verified figure appears about a year after the preliminary one; every other
        -- row is (or equals) a communiqué figure of the spring after its year.
        case when vintage_status = 'final' then 'final_verification' else 'communique' end
            as publication_rule

    from figures

),

final as (

    select
        {{ surrogate_key(["'communiques'", 'figure_id']) }} as observation_id,
        place_code,
        indicator,
        sector,
        '' as subject,
        growth_of,
        period,
        year,
        'actual' as kind,
        'eq' as qualifier,
        value,
        unit,
        value_as_written,
        unit_as_written,
        value_as_written as stated_number,
        unit_surface_form as stated_unit,
        'communiques' as source_type,
        source_file || ':' || source_line || ' ' || figure_id as source_ref,
        source_file,
        source_line,
        figure_id as source_field,
        cast(null as varchar) as document_id,
        cast(null as integer) as quote_start,
        cast(null as integer) as quote_end,
        cast(null as varchar) as quote,
        source_url,
        {{ publication_date('published_date', 'period', 'publication_rule') }} as published_date,
        {{ publication_date_basis('published_date') }} as published_date_basis,
        case when published_date is null then publication_rule end as published_date_rule,
        vintage_basis as vintage,
        vintage_status,
        reliability_rank,
        place_name_as_written,
        cast(null as varchar) as corrects_observation_id,
        load_id

    from with_rule

)

select * from final
