{#- The best current value of each series and period: the latest vintage that the issuing
    statistics bureau published, by the rule of current_value_order() (macros/vintages.sql):
    a clean figure beats a flagged one; a statistic beats a press claim and an exact figure a
    bound; a secondary compilation of unknown vintage (the CSMAR export) never beats an
    explicitly final figure; then the latest publication date, the later stage of life,
    source precedence and reliability.
    Incremental by series (macros/incremental_series.sql): a run recomputes the series
    int_touched_series lists and those with a suspect candidate now (a flag changes the
    choice). -#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=["{{ delete_recomputed_series(also=suspect_series()) }}"],
    post_hook=["{{ forget_incremental_batch() }}", "{{ record_incremental_batch() }}"]
) }}
-- depends_on: {{ ref('int_incremental_batch') }}, {{ ref('int_touched_series') }}

with

observations as (

    select * from {{ ref('fct_observations') }}
    where
        kind = 'actual'
        {%- if is_incremental() %}
            and {{ in_recomputed_series('fct_observations', also=suspect_series()) }}
        {%- endif %}

),


ranked as (

    select
        *,
        row_number() over (
            series
            order by {{ current_value_order() }}
        ) as choice_rank,
        count(*) over series as candidate_count,
        min(value) over series as min_candidate_value,
        max(value) over series as max_candidate_value

    from observations
    window series as (partition by place_code, indicator, sector, subject, growth_of, unit, period)

),

final as (

    select
        place_code,
        indicator,
        sector,
        subject,
        growth_of,
        unit,
        period,
        year,
        value,
        qualifier,
        value_as_written,
        unit_as_written,
        observation_id as chosen_observation_id,
        source_type,
        source_ref,
        vintage,
        vintage_status,
        published_date,
        published_date_basis,
        is_suspect,
        quality_flags,
        candidate_count,
        min_candidate_value,
        max_candidate_value

    from ranked
    where choice_rank = 1

)

select * from final
