{#- One row per documented correction of an error (seeds/corrections.csv): the figure as
    published, the corrected figure, the reason and the evidence. A correction is not a
    revision: the bureau did not publish a new vintage, a copy got a figure wrong. -#}

with

-- The correcting rows and the rows they correct: a few, found by filter and semi-join,
-- not a CTE over the whole of fct_observations that DuckDB would materialise to read
-- twice.
correcting as (

    select * from {{ ref('fct_observations') }}
    where source_type = 'correction'

),

corrected as (

    select * from {{ ref('fct_observations') }}
    where observation_id in (select correcting.corrects_observation_id from correcting)

),

corrections_seed as (

    select * from {{ ref('corrections') }}

),

final as (

    select
        correcting.source_field as correction_id,
        correcting.place_code,
        correcting.indicator,
        correcting.sector,
        correcting.unit,
        correcting.period,
        corrected.observation_id as corrected_observation_id,
        correcting.observation_id as correcting_observation_id,
        corrected.value_as_written as value_as_published,
        corrected.unit_as_written as unit_as_published,
        corrected.value as value_as_published_base,
        correcting.value_as_written as corrected_value_as_written,
        correcting.unit_as_written as corrected_unit,
        correcting.value as corrected_value,
        corrected.source_ref as corrected_source_ref,
        correcting.source_ref as correction_source_ref,
        corrections_seed.reason,
        corrections_seed.evidence

    from correcting
    inner join corrected
        on correcting.corrects_observation_id = corrected.observation_id
    left join corrections_seed
        on correcting.source_field = corrections_seed.correction_id

)

select * from final
