{#- Hand-curated communiqué and report figures in the common observation shape. -#}

with

figures as (

    select * from {{ ref('stg_figures__official_figures') }}

),

vintage_statuses as (

    select * from {{ ref('vintage_statuses') }}

),

figures_with_rule as (

    select
        figures.*,
        -- Figures of unknown status were copied from communiqué-style texts.
        case
            when figures.vintage_status = 'unknown_vintage' then 'communique'
            else vintage_statuses.default_publication_rule
        end as published_date_rule

    from figures
    left join vintage_statuses
        on figures.vintage_status = vintage_statuses.vintage_status

),

final as (

    select
        {{ surrogate_key(["'official_figures'", 'figure_id']) }} as observation_id,
        place_code,
        indicator,
        sector,
        '' as subject,
        growth_of,
        period,
        {{ period_year('period') }} as year,
        kind,
        qualifier,
        value,
        unit,
        value_as_written,
        unit_as_written,
        value_stated as stated_number,
        unit_surface_form as stated_unit,
        'official_figures' as source_type,
        source_file || ':' || source_line || ' ' || figure_id as source_ref,
        source_file,
        source_line,
        figure_id as source_field,
        cast(null as varchar) as document_id,
        cast(null as integer) as quote_start,
        cast(null as integer) as quote_end,
        cast(null as varchar) as quote,
        source_url,
        {{ publication_date('published_date', 'period', 'published_date_rule') }} as published_date,
        {{ publication_date_basis('published_date') }} as published_date_basis,
        case when published_date is null then published_date_rule end as published_date_rule,
        coalesce(status_as_written, '') as vintage,
        vintage_status,
        reliability_rank,
        entity_as_written as place_name_as_written,
        cast(null as varchar) as corrects_observation_id,
        load_id

    from figures_with_rule

)

select * from final
