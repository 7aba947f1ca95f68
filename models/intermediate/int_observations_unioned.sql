{#- Every source in one shape, with its place in the source precedence. Incremental by
    series (macros/incremental_series.sql): a run recomputes the series int_touched_series
    lists, i.e. the long-format statistics of new or deleted loads; the other sources are
    small and always recomputed whole. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=["{{ delete_recomputed_series() }}"],
    post_hook=["{{ forget_incremental_batch() }}", "{{ record_incremental_batch() }}"]
) }}
-- depends_on: {{ ref('int_incremental_batch') }}, {{ ref('int_touched_series') }}

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
    {%- if is_incremental() %}
        where {{ in_recomputed_series('int_long_observations') }}
    {%- endif %}

),

communiques as (

    select * from {{ ref('int_communique_observations') }}

),

vintage_statuses as (

    select * from {{ ref('vintage_statuses') }}

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
    union all
    select * from communiques

),

final as (

    select
        unioned.* exclude (vintage),
        -- The vintage in words: its status, and when it was published (stated or estimated).
        vintage_statuses.name_en || ', published ' || strftime(unioned.published_date, '%Y-%m-%d')
        || case when unioned.published_date_basis = 'estimated' then ' (estimated)' else '' end
            as vintage,
        unioned.vintage as vintage_as_written,
        vintage_statuses.is_statistic,
        vintage_statuses.order_in_life,
        sources.precedence as source_precedence

    from unioned
    inner join sources
        on unioned.source_type = sources.source_type
    inner join vintage_statuses
        on unioned.vintage_status = vintage_statuses.vintage_status

)

select * from final
