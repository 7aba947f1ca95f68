{#- The units the seeds name must be convertible: every yearbook_fields.unit,
    corrections.corrected_unit and plan_targets unit / baseline_unit must be a surface
    form of kind 'unit' in the units seed, or to_base_value() yields null and the figure
    loses its value. -#}

with

convertible as (

    select distinct surface_form from {{ ref('units') }}
    where kind = 'unit'

),

named as (

    select
        'yearbook_fields' as seed,
        source_table || '.' || field as seed_row,
        unit
    from {{ ref('yearbook_fields') }}
    union all
    select
        'corrections' as seed,
        correction_id as seed_row,
        corrected_unit as unit
    from {{ ref('corrections') }}
    union all
    select
        'plan_targets' as seed,
        target_id as seed_row,
        unit
    from {{ ref('plan_targets') }}
    union all
    select
        'plan_targets' as seed,
        target_id || ' baseline' as seed_row,
        baseline_unit as unit
    from {{ ref('plan_targets') }}
    where nullif(trim(baseline_unit), '') is not null

),

final as (

    select named.*
    from named
    left join convertible
        on trim(named.unit) = convertible.surface_form
    where convertible.surface_form is null

)

select * from final
