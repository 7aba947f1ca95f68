{#- One row per change between two successive statements of the same series and period:
    vintages of one source (preliminary → final), a communiqué against the yearbook, a
    documented correction. Statements are ordered by publication date; undated ones
    (the yearbook export) come last, as the final word. Press figures are claims, not
    vintages: they are reconciled in figure_reconciliation instead. -#}

with

observations as (

    select * from {{ ref('fct_observations') }}
    where kind = 'actual' and source_type <> 'document'

),

ordered as (

    select
        *,
        lag(observation_id) over series as from_observation_id,
        lag(value) over series as from_value,
        lag(vintage) over series as from_vintage,
        lag(source_type) over series as from_source_type,
        lag(source_ref) over series as from_source_ref,
        lag(published_date) over series as from_published

    from observations
    window series as (
        partition by place_code, indicator, sector, subject, growth_of, unit, period
        order by coalesce(published_date, date '9999-12-31') asc, source_precedence desc, observation_id asc
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
        from_published,
        published_date as to_published,
        from_value,
        value as to_value,
        value - from_value as change,
        100 * {{ safe_divide('value - from_value', 'from_value') }} as change_pct

    from ordered
    where from_observation_id is not null and value <> from_value

)

select * from final
