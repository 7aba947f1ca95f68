{{ config(severity='warn') }}

{#- Every row of seeds/corrections.csv must correct exactly one yearbook observation
    (same place, period, field and value as written) and so produce one observation
    in int_correction_observations. A correction that matches nothing is silently
    lost; one that matches two is ambiguous. Warn only: whether it matches depends on
    how the shipped yearbook export writes its numbers. -#}

with

corrections as (

    select * from {{ ref('corrections') }}

),

correction_observations as (

    select * from {{ ref('int_correction_observations') }}

),

matched as (

    select
        corrections.correction_id,
        corrections.place_code,
        corrections.period,
        corrections.field,
        corrections.value_as_written,
        count(correction_observations.observation_id) as observations_made

    from corrections
    left join correction_observations
        on corrections.correction_id = correction_observations.source_field
    group by all

),

final as (

    select * from matched
    where observations_made <> 1

)

select * from final
