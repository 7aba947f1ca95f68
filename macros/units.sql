{#- The one place where units are applied: every surface form (亿元, 万人, billion yuan, …)
    is looked up in the `units` seed, which gives its base unit and multiplier.
    An unknown unit yields null, which the not_null tests and GX suites catch. -#}

{% macro to_base_value(value, unit) -%}
    round(
        ({{ value }}) * (
            select distinct units_seed.multiplier
            from {{ ref('units') }} as units_seed
            where units_seed.surface_form = trim({{ unit }}) and units_seed.kind = 'unit'
        ),
        6
    )
{%- endmacro %}

{% macro base_unit(unit) -%}
    (
        select distinct units_seed.base_unit
        from {{ ref('units') }} as units_seed
        where units_seed.surface_form = trim({{ unit }}) and units_seed.kind = 'unit'
    )
{%- endmacro %}
