{#- The one place where units are applied: every surface form (亿元, 万人, billion yuan, …)
    is looked up in the `units` seed, which gives its base unit and multiplier.
    An unknown unit yields null, which the not_null tests and GX suites catch. -#}

{% macro to_base_value(value, unit) -%}
    -- Decimal arithmetic, so 5140.6 亿元 is 514060000000 exactly, not ...0.00006.
    cast(
        cast({{ value }} as decimal(30, 8)) * (
            {{ lookup_one('cast(units_seed.multiplier as decimal(24, 4))', ref('units') ~ ' as units_seed',
                          "units_seed.surface_form = trim(cast(" ~ unit ~ " as " ~ string_type() ~ ")) and units_seed.kind = 'unit'") }}
        )
        as double
    )
{%- endmacro %}

{% macro base_unit(unit) -%}
    (
        {{ lookup_one('units_seed.base_unit', ref('units') ~ ' as units_seed',
                      "units_seed.surface_form = trim(cast(" ~ unit ~ " as " ~ string_type() ~ ")) and units_seed.kind = 'unit'") }}
    )
{%- endmacro %}
