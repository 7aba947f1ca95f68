{#- One row per revision of a series and period: a change of value from one vintage to the
    next, earlier vintage first (ordered by publication date, stated or estimated, then by
    stage of life). Statements of one value are one vintage: the revision runs from the first
    statement of the old value to the first statement of the new one. Not revisions:
    documented corrections of errors (marts.documented_corrections), figures flagged as wrong by the
    quality checks or in disagreement with another source of the same or an earlier vintage
    (sources_disagree: one of them is wrong, which is not a revision), and press figures
    (claims, reconciled in figure_reconciliation).
    Incremental by series (macros/incremental_series.sql): a run recomputes the series
    int_touched_series lists and those with a suspect statement now (flags exclude
    statements). -#}
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
        and is_statistic
        and source_type <> 'correction'
        and not regexp_matches(
            coalesce(quality_flags, ''),
            'superseded_by_correction|share_stored_as_amount|usd_labelled_cny|duplicate_value_in_source'
            || '|gdp_disagrees_with_sector_sum|series_level_jump|implausible_population_jump'
            || '|derived_from_implausible_population|sources_disagree'
        )

),

ordered as (

    select
        *,
        row_number() over series as statement_order,
        lag(value) over series as previous_value

    from observations
    window series as (
        partition by place_code, indicator, sector, subject, growth_of, unit, period
        order by published_date asc, order_in_life asc, source_precedence desc, observation_id asc
    )

),

runs as (

    select
        *,
        sum(
            case
                when previous_value is null or abs(value - previous_value) > 1e-9 * abs(previous_value)
                    then 1
                else 0
            end
        ) over (
            partition by place_code, indicator, sector, subject, growth_of, unit, period
            order by statement_order
        ) as vintage_run

    from ordered

),

-- The first statement of each value.
first_statements as (

    select * from runs
    qualify row_number() over (
        partition by place_code, indicator, sector, subject, growth_of, unit, period, vintage_run
        order by statement_order
    ) = 1

),

paired as (

    select
        *,
        lag(observation_id) over series as from_observation_id,
        lag(value) over series as from_value,
        lag(vintage) over series as from_vintage,
        lag(vintage_status) over series as from_vintage_status,
        lag(source_type) over series as from_source_type,
        lag(source_ref) over series as from_source_ref,
        lag(published_date) over series as from_published

    from first_statements
    window series as (
        partition by place_code, indicator, sector, subject, growth_of, unit, period
        order by vintage_run
    )

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
        from_observation_id,
        observation_id as to_observation_id,
        from_source_type,
        source_type as to_source_type,
        from_source_ref,
        source_ref as to_source_ref,
        from_vintage,
        vintage as to_vintage,
        from_vintage_status,
        vintage_status as to_vintage_status,
        from_published,
        published_date as to_published,
        from_value,
        value as to_value,
        value - from_value as change,
        100 * {{ safe_divide('value - from_value', 'from_value') }} as change_pct

    from paired
    where from_observation_id is not null

)

select * from final
