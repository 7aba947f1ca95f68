{#- fct_current_values is a choice among the observations, never a new number:
    every current value is an observation of fct_observations (kind 'actual') of the
    same series and period with the same value, source and flags; its candidate_count
    is the number of such observations and the value lies between the candidates'
    minimum and maximum; and every actual series and period has exactly one current
    value. -#}

with

current_values as (

    select * from {{ ref('fct_current_values') }}

),

observations as (

    select * from {{ ref('fct_observations') }}
    where kind = 'actual'

),

candidates as (

    select
        place_code,
        indicator,
        sector,
        subject,
        growth_of,
        unit,
        period,
        count(*) as candidates

    from observations
    group by place_code, indicator, sector, subject, growth_of, unit, period

),

not_an_observation as (

    select
        'chosen observation missing or different' as problem,
        current_values.place_code,
        current_values.indicator,
        current_values.sector,
        current_values.subject,
        current_values.growth_of,
        current_values.unit,
        current_values.period

    from current_values
    left join observations
        on current_values.chosen_observation_id = observations.observation_id
    where
        observations.observation_id is null
        or observations.place_code is distinct from current_values.place_code
        or observations.indicator is distinct from current_values.indicator
        or observations.sector is distinct from current_values.sector
        or observations.subject is distinct from current_values.subject
        or observations.growth_of is distinct from current_values.growth_of
        or observations.unit is distinct from current_values.unit
        or observations.period is distinct from current_values.period
        or observations.value is distinct from current_values.value
        or observations.source_ref is distinct from current_values.source_ref
        or observations.is_suspect is distinct from current_values.is_suspect
        or current_values.value < current_values.min_candidate_value
        or current_values.value > current_values.max_candidate_value

),

wrong_candidates as (

    select
        'candidate_count wrong or series without current value' as problem,
        candidates.place_code,
        candidates.indicator,
        candidates.sector,
        candidates.subject,
        candidates.growth_of,
        candidates.unit,
        candidates.period

    from candidates
    left join current_values
        on
            candidates.place_code = current_values.place_code
            and candidates.indicator = current_values.indicator
            and candidates.sector = current_values.sector
            and candidates.subject = current_values.subject
            and candidates.growth_of = current_values.growth_of
            and candidates.unit = current_values.unit
            and candidates.period = current_values.period
    where current_values.candidate_count is distinct from candidates.candidates

),

final as (

    select * from not_an_observation
    union all
    select * from wrong_candidates

)

select * from final
