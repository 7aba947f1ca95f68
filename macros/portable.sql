-- noqa: disable=LT02
-- (jinja blocks inside macro bodies: sqlfluff cannot place their indentation)
{#- Portability: where DuckDB and Spark SQL differ in what the core models need, the
    models call these macros, dispatched per adapter (duckdb__ renders exactly the SQL the
    models had before, so DuckDB results cannot change; spark__ is for the opt-in `spark`
    target, see docs/scaling.md). dbt's own cross-database macros are used where their
    DuckDB rendering is the same as before. -#}

{#- The string type in casts: varchar (DuckDB), string (Spark SQL). -#}
{% macro string_type() -%}
    {%- if adapter is defined -%}
        {{ adapter.dispatch('string_type', 'yrd')() }}
    {%- else -%}
        varchar
    {%- endif -%}
{%- endmacro %}

{% macro default__string_type() -%}
    varchar
{%- endmacro %}

{% macro spark__string_type() -%}
    string
{%- endmacro %}

{#- The one value of a seed column for a key, as a scalar subquery. DuckDB: select
    distinct (more than one value is an error, as it should be); Spark only accepts an
    aggregated correlated subquery: max() (the units seed test keeps forms unambiguous). -#}
{% macro lookup_one(expression, relation, where) -%}
    {%- if adapter is defined -%}
        {{ adapter.dispatch('lookup_one', 'yrd')(expression, relation, where) }}
    {%- else -%}
        {{ default__lookup_one(expression, relation, where) }}
    {%- endif -%}
{%- endmacro %}

{% macro default__lookup_one(expression, relation, where) -%}
    select distinct {{ expression }}
            from {{ relation }}
            where {{ where }}
{%- endmacro %}

{% macro spark__lookup_one(expression, relation, where) -%}
    select max({{ expression }})
            from {{ relation }}
            where {{ where }}
{%- endmacro %}

{#- Seeds on Spark (session method): dbt-spark 1.11 formats seed values into the SQL
    without escaping quotes, so a value with an apostrophe (units.csv notes) breaks the
    insert. This writes each value as an escaped literal instead. DuckDB is unaffected. -#}
{% macro spark__load_csv_rows(model, agate_table) %}
    {% set batch_size = get_batch_size() %}
    {% set column_override = model['config'].get('column_types', {}) %}
    {% set statements = [] %}
    {% for chunk in agate_table.rows | batch(batch_size) %}
        {% set sql %}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                ({%- for col_name in agate_table.column_names -%}
                    {%- set inferred_type = adapter.convert_type(agate_table, loop.index0) -%}
                    {%- set type = column_override.get(col_name, inferred_type) -%}
                    {%- set v = row[loop.index0] -%}
                    {%- if v is none -%}
                        cast(null as {{ type }})
                    {%- else -%}
                        cast('{{ v | string | replace("\\", "\\\\") | replace("'", "\\'") }}' as {{ type }})
                    {%- endif -%}
                    {%- if not loop.last %}, {% endif -%}
                {%- endfor -%})
                {%- if not loop.last %},{% endif %}
            {%- endfor %}
        {% endset %}
        {% do adapter.add_query(sql, abridge_sql_log=True) %}
        {% if loop.index0 == 0 %}
            {% do statements.append(sql) %}
        {% endif %}
    {% endfor %}
    {{ return(statements[0]) }}
{% endmacro %}
