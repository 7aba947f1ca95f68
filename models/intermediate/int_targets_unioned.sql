{#- Every stated target: target observations of the communiqué figures and documents, and
    the curated plan targets seed. The same target stated by several sources (a release
    in six languages) becomes one target with all its statements counted. -#}

with

observations as (

    select * from {{ ref('int_observations_flagged') }}
    where kind = 'target'

),

plan_targets as (

    select * from {{ ref('plan_targets') }}

),

statements as (

    select
        observation_id as statement_id,
        place_code,
        indicator,
        sector,
        subject,
        unit,
        period as horizon,
        value as target_value,
        qualifier,
        cast(null as double) as baseline_value,
        cast(null as varchar) as baseline_period,
        -- A target is announced when its source says; a date estimated for statistics is not one.
        case when published_date_basis = 'stated' then published_date end as announced,
        coalesce(vintage_as_written, source_type) as plan,
        source_type,
        source_precedence,
        source_ref,
        source_url

    from observations

    union all

    select
        'plan:' || target_id as statement_id,
        place_code,
        indicator,
        coalesce(sector, '') as sector,
        coalesce(subject, '') as subject,
        {{ base_unit('unit') }} as unit,
        cast(horizon as varchar) as horizon,
        {{ to_base_value(parse_number('value_as_written'), 'unit') }} as target_value,
        qualifier,
        {{ to_base_value(parse_number('baseline_value_as_written'), 'baseline_unit') }}
            as baseline_value,
        cast(baseline_period as varchar) as baseline_period,
        cast(announced as date) as announced,
        plan,
        'plan' as source_type,
        0 as source_precedence,
        'seeds/plan_targets.csv ' || target_id as source_ref,
        source_url

    from plan_targets

),

ranked as (

    select
        *,
        {{ surrogate_key(['place_code', 'indicator', 'sector', 'subject', 'unit', 'horizon',
            'target_value']) }} as target_id,
        row_number() over (
            partition by place_code, indicator, sector, subject, unit, horizon, target_value
            order by source_precedence, announced nulls last, statement_id
        ) as statement_rank,
        count(*) over (
            partition by place_code, indicator, sector, subject, unit, horizon, target_value
        ) as statement_count,
        min(announced) over (
            partition by place_code, indicator, sector, subject, unit, horizon, target_value
        ) as first_announced

    from statements

),

final as (

    select
        target_id,
        place_code,
        indicator,
        sector,
        subject,
        unit,
        horizon,
        {{ period_end_year('horizon') }} as horizon_year,
        target_value,
        qualifier,
        baseline_value,
        baseline_period,
        coalesce(first_announced, announced) as announced,
        plan,
        source_type,
        source_ref,
        source_url,
        statement_count

    from ranked
    where statement_rank = 1

)

select * from final
