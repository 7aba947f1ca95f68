{#- Incremental by series (macros/incremental_series.sql): a run recomputes the series
    int_touched_series lists and those flagged now. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=["{{ delete_recomputed_series(also=flagged_series()) }}"],
    post_hook=["{{ save_suspect_series() }}", "{{ forget_incremental_batch() }}", "{{ record_incremental_batch() }}"]
) }}
-- depends_on: {{ ref('int_incremental_batch') }}, {{ ref('int_touched_series') }}

with

observations as (

    select * from {{ ref('int_observations_flagged') }}
    {%- if is_incremental() %}
        where {{ in_recomputed_series(
            ref('int_observations_flagged').identifier,
            also=flagged_series()
        ) }}
    {%- endif %}

),

final as (

    select
        observation_id,
        place_code,
        indicator,
        sector,
        subject,
        growth_of,
        period,
        year,
        kind,
        qualifier,
        value,
        unit,
        value_as_written,
        unit_as_written,
        stated_number,
        stated_unit,
        source_type,
        source_precedence,
        source_ref,
        source_file,
        source_line,
        source_field,
        document_id,
        quote_start,
        quote_end,
        quote,
        source_url,
        published_date,
        published_date_basis,
        published_date_rule,
        vintage,
        vintage_status,
        vintage_as_written,
        is_statistic,
        order_in_life,
        reliability_rank,
        place_name_as_written,
        corrects_observation_id,
        quality_flags,
        quality_flags is not null as is_suspect,
        coalesce(len(string_split(quality_flags, ', ')), 0) as flag_count,
        load_id

    from observations

)

select * from final
