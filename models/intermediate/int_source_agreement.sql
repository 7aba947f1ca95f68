{#- Where the yearbook and a communiqué or report give the same place, indicator and
    period, compare them (a documented correction stands in for the figure it corrects). A difference inside the rounding of the stated number (or
    the agreement tolerance) is agreement; anything else is reported, both values kept. -#}

with

observations as (

    select * from {{ ref('int_observations_unioned') }}
    where kind = 'actual'

),

corrected as (

    select corrects_observation_id from observations
    where source_type = 'correction'

),

-- The yearbook side: its figures as published, or their documented correction.
yearbook as (

    select * from observations
    where
        source_type in ('yearbook', 'correction')
        and observation_id not in (select corrected.corrects_observation_id from corrected)

),

others as (

    -- Communiqués and reports; press figures are reconciled in figure_reconciliation.
    select * from observations
    where source_type in ('official_figures', 'communiques')

),

paired as (

    select
        others.place_code,
        others.indicator,
        others.sector,
        others.growth_of,
        others.unit,
        others.period,
        yearbook.observation_id as yearbook_observation_id,
        others.observation_id as other_observation_id,
        others.source_type as other_source_type,
        yearbook.value as yearbook_value,
        others.value as other_value,
        others.value_as_written as other_value_as_written,
        others.unit_as_written as other_unit_as_written,
        others.qualifier as other_qualifier,
        others.vintage_status as other_vintage_status,
        -- The yearbook export's vintage is unknown: a figure the bureau itself calls revised
        -- or final that differs from it is a later vintage (a revision), not a disagreement.
        others.vintage_status in ('revised', 'final', 'census_revision') as explained_by_vintage,
        {{ safe_divide('others.value - yearbook.value', 'yearbook.value') }}
            as relative_difference,
        -- Half a unit of the last digit written, relative to the stated number.
        -- Half a unit of the last digit stated, relative to the stated number.
        0.5 * power(10, -coalesce(length(regexp_extract(others.stated_number, '\.(\d+)$', 1)), 0))
        / nullif(abs({{ parse_number('others.stated_number') }}), 0) as rounding_tolerance

    from others
    inner join yearbook
        on
            others.place_code = yearbook.place_code
            and others.indicator = yearbook.indicator
            and others.sector = yearbook.sector
            and others.subject = yearbook.subject
            and others.unit = yearbook.unit
            and others.growth_of = yearbook.growth_of
            and others.period = yearbook.period

),

final as (

    select
        *,
        case
            when other_qualifier in ('gt', 'gte')
                then yearbook_value >= other_value * (1 - {{ var('source_agreement_tolerance') }})
            when other_qualifier in ('lt', 'lte')
                then yearbook_value <= other_value * (1 + {{ var('source_agreement_tolerance') }})
            else
                abs(relative_difference)
                <= greatest({{ var('source_agreement_tolerance') }}, rounding_tolerance)
        end as sources_agree

    from paired

)

select * from final
