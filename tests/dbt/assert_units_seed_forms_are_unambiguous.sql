{#- to_base_value() and base_unit() look a unit up by surface form among the rows of
    kind 'unit' with a scalar subquery: a surface form listed twice (for two languages)
    is fine only if both rows give the same base unit and multiplier; otherwise the
    conversion is ambiguous and the build would fail with "More than one row returned
    by a subquery". -#}

with

units as (

    select * from {{ ref('units') }}
    where kind = 'unit'

),

final as (

    select
        surface_form,
        count(distinct base_unit) as base_units,
        count(distinct multiplier) as multipliers,
        string_agg(base_unit || ' x ' || multiplier, '; ') as meanings

    from units
    group by surface_form
    having count(distinct base_unit) > 1 or count(distinct multiplier) > 1

)

select * from final
