{#- What the warehouse knows: one row per place, series (indicator, sector, growth_of,
    unit) and year with at least one actual figure. Which sources have a value, how many
    statements there are, and which one is current, with its vintage status and
    publication date (stated or estimated).
    Incremental by series (macros/incremental_series.sql), like fct_current_values: a run
    recomputes the series int_touched_series lists and those with a suspect statement now. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=["{{ delete_recomputed_series(also=suspect_series(), columns=annual_series_columns('coverage')) }}"],
    post_hook=["{{ forget_incremental_batch() }}", "{{ record_incremental_batch() }}"]
) }}
-- depends_on: {{ ref('int_incremental_batch') }}, {{ ref('int_touched_series') }}

with

observations as (

    select * from {{ ref('fct_observations') }}
    where
        kind = 'actual' and subject = '' and regexp_full_match(period, '\d{4}')
        {%- if is_incremental() %}
            and {{ in_recomputed_series('fct_observations', also=suspect_series()) }}
        {%- endif %}

),

current_values as (

    select * from {{ ref('fct_current_values') }}
    where
        subject = '' and regexp_full_match(period, '\d{4}')
        {%- if is_incremental() %}
            and {{ in_recomputed_series('fct_current_values', also=suspect_series()) }}
        {%- endif %}

),

places as (

    select * from {{ ref('dim_place') }}

),

by_series as (

    select
        place_code,
        indicator,
        sector,
        growth_of,
        unit,
        period,
        year,
        string_agg(distinct source_type, ', ' order by source_type) as sources,
        count(distinct source_type) as source_count,
        count(*) as statement_count,
        string_agg(distinct vintage_status, ', ' order by vintage_status) as vintage_statuses

    from observations
    group by place_code, indicator, sector, growth_of, unit, period, year

),

final as (

    select
        by_series.place_code,
        places.name_en,
        places.name_zh,
        places.level,
        places.comparison_group,
        places.province_code,
        by_series.indicator,
        by_series.sector,
        by_series.growth_of,
        by_series.unit,
        by_series.year,
        by_series.sources,
        by_series.source_count,
        by_series.statement_count,
        by_series.vintage_statuses,
        current_values.source_type as current_source_type,
        current_values.value as current_value,
        current_values.qualifier as current_qualifier,
        current_values.vintage_status as current_vintage_status,
        current_values.published_date as current_published_date,
        current_values.published_date_basis as current_published_date_basis,
        current_values.is_suspect as current_is_suspect,
        current_values.quality_flags as current_quality_flags,
        current_values.source_ref as current_source_ref,
        current_values.chosen_observation_id as current_observation_id

    from by_series
    left join current_values
        on
            by_series.place_code = current_values.place_code
            and by_series.indicator = current_values.indicator
            and by_series.sector = current_values.sector
            and by_series.growth_of = current_values.growth_of
            and by_series.unit = current_values.unit
            and by_series.period = current_values.period
    left join places
        on by_series.place_code = places.place_code

)

select * from final
