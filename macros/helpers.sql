{#- Small portable helpers (no dbt_utils here: dbt deps cannot reach the hub). -#}

{% macro surrogate_key(columns) -%}
    md5(concat_ws('|'
    {%- for col in columns %}, coalesce(cast({{ col }} as {{ string_type() }}), '<null>')
    {%- endfor %}))
{%- endmacro %}

{% macro safe_divide(numerator, denominator) -%}
    (({{ numerator }}) / nullif(({{ denominator }}), 0))
{%- endmacro %}

{#- Parse a number as written: thousands separators dropped, blanks to null. -#}
{% macro parse_number(text) -%}
    try_cast(nullif(replace(trim(cast({{ text }} as {{ string_type() }})), ',', ''), '') as double)
{%- endmacro %}

{#- First year of a LABELS.md period: '2021', '2023-H1', '2021..2025', '2023-01..07'. -#}
{% macro period_year(period) -%}
    try_cast(left({{ period }}, 4) as integer)
{%- endmacro %}

{#- Last year a period covers: '2021..2025' → 2025, '2022-09..2023-12' → 2023. -#}
{% macro period_end_year(period) -%}
    try_cast(regexp_extract({{ period }}, '.*(\d{4})', 1) as integer)
{%- endmacro %}
