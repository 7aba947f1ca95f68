{#- Schemas are named plainly (staging, intermediate, marts, reference), not prefixed
    with the target schema, so economists query marts.fct_observations. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
