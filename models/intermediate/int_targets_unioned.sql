{#- Every stated target: target observations of the communiqué figures and documents, and
    the curated plan targets seed. The same target stated by several sources (a release
    in six languages) becomes one target with all its statements counted. A statement
    without a sector is the same target as one with a sector when place, indicator, unit,
    horizon and value agree: a release names the sector once and leaves it out when it
    repeats the figure, and words the subject its own way. It takes that sector and
    subject when exactly one sector and subject are named for the figure;
    `stated_without_sector` records that it was stated either way. -#}

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

-- The one sector (and its subject) that statements of the same figure name, if exactly
-- one: the curated plan names "application projects" where a release says "projects".
sector_of_figure as (

    select
        place_code,
        indicator,
        unit,
        horizon,
        target_value,
        min(sector) as sector,
        min(subject) as subject

    from statements
    where sector != ''
    group by place_code, indicator, unit, horizon, target_value
    having count(distinct sector) = 1 and count(distinct subject) = 1

),

sectored as (

    select
        statements.* replace (
            coalesce(
                case when statements.sector = '' then sector_of_figure.sector end,
                statements.sector
            ) as sector,
            coalesce(
                case when statements.sector = '' then sector_of_figure.subject end,
                statements.subject
            ) as subject
        ),
        statements.sector = '' as is_without_sector,
        statements.subject as subject_as_stated

    from statements
    left join sector_of_figure
        on
            statements.place_code = sector_of_figure.place_code
            and statements.indicator = sector_of_figure.indicator
            and statements.unit = sector_of_figure.unit
            and statements.horizon = sector_of_figure.horizon
            and statements.target_value = sector_of_figure.target_value

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
        ) as first_announced,
        bool_or(is_without_sector) over (
            partition by place_code, indicator, sector, subject, unit, horizon, target_value
        ) as stated_without_sector,
        min(case when is_without_sector then subject_as_stated end) over (
            partition by place_code, indicator, sector, subject, unit, horizon, target_value
        ) as subject_without_sector

    from sectored

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
        statement_count,
        stated_without_sector,
        subject_without_sector

    from ranked
    where statement_rank = 1

)

select * from final
