{#- Does an actual value meet a target, given the target's qualifier?
    gt: strictly more ("more than 15" is met by 16, not by 15); gte, eq, lte: at least the
    value (an economic target "of 100 billion" or "up to 100 billion" is a level to reach);
    approx: within 2% below; lt: strictly less. -#}
{% macro meets_target(actual, target, qualifier) -%}
    case {{ qualifier }}
        when 'gt' then {{ actual }} > {{ target }}
        when 'lt' then {{ actual }} < {{ target }}
        when 'approx' then {{ actual }} >= 0.98 * {{ target }}
        else {{ actual }} >= {{ target }}
    end
{%- endmacro %}

{#- Compound annual growth in percent from a value in one year to a value in a later one. -#}
{% macro annual_growth_pct(from_value, from_year, to_value, to_year) -%}
    case
        when {{ to_year }} > {{ from_year }} and {{ from_value }} > 0 and {{ to_value }} > 0
            then 100 * (power({{ to_value }} / {{ from_value }}, 1.0 / ({{ to_year }} - {{ from_year }})) - 1)
    end
{%- endmacro %}

{#- Half a unit of the last digit of a stated number, in the base unit of its value:
    "470 billion" → 0.5e9, "4748.06亿元" → 0.005e8. -#}
{% macro rounding_half_unit(stated_number, value) -%}
    (
        0.5 * power(10, -coalesce(length(regexp_extract({{ stated_number }}, '\.(\d+)$', 1)), 0))
        * abs({{ value }}) / nullif(abs(try_cast({{ stated_number }} as double)), 0)
    )
{%- endmacro %}
