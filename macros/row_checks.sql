{#- Many checks of one large table in one dbt test, so that DuckDB reads the table once
    instead of once per test (issue 11: at 3M+ rows each dbt test is a scan of its own).

    Row conditions (not_null, accepted_values, relationships, expressions) are counted in
    one aggregate over the table: count(*) filter (where not <condition>) per check.
    Uniqueness needs a group-by per key, but those run in the same statement. The
    semantics are dbt's own tests': not_null fails on null; accepted_values,
    relationships and unique ignore nulls (as dbt's do); unique_combinations counts a
    null as a value (as tests/dbt/generic/unique_combination_of_columns.sql does);
    expressions fail where false or null (as expression_is_true does).

    On failure the test stops with an error that names every failing check, how many
    rows fail it and up to three of them (by `key`, e.g. file:line or observation_id).
    An error rather than a row count, because dbt's failure message is fixed ("Got N
    results") and would hide which of the checks failed: the build prints this one.

    Arguments: key (SQL expression naming a row), not_null (columns), unique (columns),
    unique_combinations (name → columns), accepted_values (column → values),
    relationships (column → {to: ref(...), field}), expressions (name → boolean SQL). -#}
{% test row_checks(
    model, key, not_null=[], unique=[], unique_combinations={}, accepted_values={},
    relationships={}, expressions={}
) %}
    {%- set checks = row_checks_conditions(
        not_null, accepted_values, relationships, expressions) -%}
    {#- dbt counts the rows of the test query; counting the failure column keeps DuckDB
        from dropping it as unused (then the error, and the names, would be lost). -#}
    {{- config(fail_calc='count(failure)') -}}
    {%- set examples = 3 -%}

    with

    {# Each condition once per row, as a column (a relationship is one semi-join), and
        the row's key once: the aggregate below only reads them. #}
    checked as (

        select
            cast(({{ key }}) as varchar) as row_key
    {%- for name, condition in checks %},
            coalesce(({{ condition }}), false) as ok_{{ loop.index }}
            {%- endfor %}
        from {{ model }}

    ),

    {# Referenced once (DuckDB would run a CTE used twice twice): one row, turned into
        one row per check by unnest. #}
    counted as (

        select
            count(*) as checked_rows
    {%- for name, condition in checks %},
            count(*) filter (where not ok_{{ loop.index }}) as n_{{ loop.index }},
            min(row_key, {{ examples }}) filter (where not ok_{{ loop.index }}) as e_{{ loop.index }}
            {%- endfor %}
        from checked

    ),

    {%- set keys = [] -%}
    {%- for column in unique -%}
        {%- do keys.append(('unique(' ~ column ~ ')', [column], true)) -%}
    {%- endfor -%}
    {%- for name, columns in unique_combinations.items() -%}
        {%- do keys.append(('unique_combination(' ~ name ~ ')', columns, false)) -%}
    {%- endfor -%}
    {%- for name, columns, skip_nulls in keys %}

    repeated_{{ loop.index }} as (

        select
            concat_ws('|', {{ columns | join(', ') }}) as repeated_key,
            count(*) as occurrences
        from {{ model }}
        {%- if skip_nulls %}
        where {{ columns[0] }} is not null
        {%- endif %}
        group by {{ columns | join(', ') }}
        having count(*) > 1

    ),
    {%- endfor %}

    results as (

    {%- if checks %}
        select
            unnest([
                {%- for name, condition in checks -%}
                {{ row_checks_literal(name) }}{{ ', ' if not loop.last }}
                {%- endfor -%}
            ]) as check_name,
            unnest([
                {%- for name, condition in checks -%}
                n_{{ loop.index }}{{ ', ' if not loop.last }}
                {%- endfor -%}
            ]) as failing_rows,
            unnest([
                {%- for name, condition in checks -%}
                e_{{ loop.index }}{{ ', ' if not loop.last }}
                {%- endfor -%}
            ]) as examples
        from counted
        {{ 'union all' if keys }}
        {%- endif %}
{%- for name, columns, skip_nulls in keys %}
        select
            {{ row_checks_literal(name) }} as check_name,
            coalesce(sum(occurrences), 0) as failing_rows,
            min(repeated_key, {{ examples }}) as examples
        from repeated_{{ loop.index }}
        {{ 'union all' if not loop.last }}
        {%- endfor %}

    ),

    failing as (

        select * from results
        where failing_rows > 0

    )

    select
        error(
            {{ row_checks_literal(model.identifier) }} || ': '
            || count(*) || ' of {{ checks | length + keys | length }} checks failed: '
            || string_agg(
                check_name || ': ' || failing_rows || ' rows, e.g. '
                || array_to_string(examples, ', '), '; ' order by check_name)
        ) as failure
    from failing
    having count(*) > 0

{% endtest %}

{#- (name, condition that must hold) for each row check, named as dbt names its tests. -#}
{% macro row_checks_conditions(not_null, accepted_values, relationships, expressions) %}
    {%- set checks = [] -%}
    {%- for column in not_null -%}
        {%- do checks.append(('not_null(' ~ column ~ ')', column ~ ' is not null')) -%}
    {%- endfor -%}
    {%- for column, values in accepted_values.items() -%}
        {%- set rendered = [] -%}
        {%- for v in values -%}
            {%- do rendered.append(v if v is number else row_checks_literal(v)) -%}
        {%- endfor -%}
        {%- do checks.append(('accepted_values(' ~ column ~ ')',
            column ~ ' is null or ' ~ column ~ ' in (' ~ rendered | join(', ') ~ ')')) -%}
    {%- endfor -%}
    {%- for column, parent in relationships.items() -%}
        {%- do checks.append(('relationships(' ~ column ~ ' → ' ~ parent.to.identifier ~ '.'
            ~ parent.field ~ ')',
            column ~ ' is null or ' ~ column ~ ' in (select ' ~ parent.field ~ ' from '
            ~ parent.to ~ ')')) -%}
    {%- endfor -%}
    {%- for name, expression in expressions.items() -%}
        {%- do checks.append(('expression(' ~ name ~ ')', expression)) -%}
    {%- endfor -%}
    {{ return(checks) }}
{% endmacro %}

{% macro row_checks_literal(text) -%}
    '{{ text | replace("'", "''") }}'
{%- endmacro %}
