{#- Every source in one shape, with its place in the source precedence. -#}

with

yearbook as (

    select * from {{ ref('int_yearbook_observations') }}

),

official_figures as (

    select * from {{ ref('int_official_figure_observations') }}

),

corrections as (

    select * from {{ ref('int_correction_observations') }}

),

documents as (

    select * from {{ ref('int_document_observations') }}

),

long_observations as (

    select * from {{ ref('int_long_observations') }}

),

sources as (

    select * from {{ ref('sources') }}

),

unioned as (

    select * from yearbook
    union all
    select * from official_figures
    union all
    select * from corrections
    union all
    select * from documents
    union all
    select * from long_observations

),

final as (

    select
        unioned.*,
        sources.precedence as source_precedence

    from unioned
    inner join sources
        on unioned.source_type = sources.source_type

)

select * from final
