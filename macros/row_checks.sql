{#- Many checks of one large table in one dbt test, instead of one dbt test (and one query,
    and for a view one evaluation of the view) per check (issue 11).

    Row conditions (not_null, accepted_values, expressions) are counted in one aggregate
    over one scan of the table: count(*) filter (where not <condition>) per check.
    Relationships are anti-joins and uniqueness a group-by per key, as in dbt's own
    tests, in the same statement. The semantics are dbt's: not_null fails on null;
    accepted_values, relationships and unique ignore nulls; unique_combinations counts a
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
    {#- dbt counts the rows of the test query; counting the failure column keeps DuckDB
        from dropping it as unused (then the error, and the names, would be lost). -#}
    {{- config(fail_calc='count(failure)') -}}
    {%- set checks = row_checks_conditions(not_null, accepted_values, expressions) -%}
    {%- set keys = [] -%}
    {%- for column in unique -%}
        {%- do keys.append(('unique(' ~ column ~ ')', [column], true)) -%}
    {%- endfor -%}
    {%- for name, columns in unique_combinations.items() -%}
        {%- do keys.append(('unique_combination(' ~ name ~ ')', columns, false)) -%}
    {%- endfor -%}
    {%- set parents = [] -%}
    {%- for column, parent in relationships.items() -%}
        {%- do parents.append(('relationships(' ~ column ~ ' → ' ~ parent.to.identifier
            ~ '.' ~ parent.field ~ ')', column, parent.to, parent.field)) -%}
    {%- endfor -%}
    {%- set examples = 3 -%}
    {%- set row_key = 'cast((' ~ key ~ ') as varchar)' -%}

    with

    {# Each condition once per row; the key is computed only for failing rows (a case
       evaluates its branch for the rows it selects). #}
    checked as (

        select
            *
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
            min(case when not ok_{{ loop.index }} then {{ row_key }} end, {{ examples }})
                as e_{{ loop.index }}
            {%- endfor %}
        from checked

    ),

    {%- for name, column, parent, field in parents %}

    orphans_{{ loop.index }} as (

        select {{ row_key }} as orphan_key
        from {{ model }}
        left join (select {{ field }} as parent_key from {{ parent }}) as parent
            on {{ column }} = parent.parent_key
        where {{ column }} is not null and parent.parent_key is null

    ),
    {%- endfor %}

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

        select
            unnest([
    {%- for name, condition in checks -%}
                {{ row_checks_literal(name) }}, {% endfor -%}
                null]) as check_name,
            unnest([
    {%- for name, condition in checks -%}
                n_{{ loop.index }}, {% endfor -%}
                0]) as failing_rows,
            unnest([
    {%- for name, condition in checks -%}
                e_{{ loop.index }}, {% endfor -%}
                null]) as examples
        from counted
    {%- for name, column, parent, field in parents %}
        union all
        select
            {{ row_checks_literal(name) }} as check_name,
            count(*) as failing_rows,
            min(orphan_key, {{ examples }}) as examples
        from orphans_{{ loop.index }}
        {%- endfor %}
{%- for name, columns, skip_nulls in keys %}
        union all
        select
            {{ row_checks_literal(name) }} as check_name,
            coalesce(sum(occurrences), 0) as failing_rows,
            min(repeated_key, {{ examples }}) as examples
        from repeated_{{ loop.index }}
        {%- endfor %}

    ),

    failing as (

        select * from results
        where failing_rows > 0

    )

    select
        error(
            {{ row_checks_literal(model.identifier) }} || ': ' || count(*)
            || ' of {{ checks | length + parents | length + keys | length }} checks failed: '
            || string_agg(
                check_name || ': ' || failing_rows || ' rows, e.g. '
                || coalesce(array_to_string(examples, ', '), '?'), '; ' order by check_name)
        ) as failure
    from failing
    having count(*) > 0

{% endtest %}

{#- (name, condition that must hold) for each row condition, named as dbt names its tests. -#}
{% macro row_checks_conditions(not_null, accepted_values, expressions) %}
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
    {%- for name, expression in expressions.items() -%}
        {%- do checks.append(('expression(' ~ name ~ ')', expression)) -%}
    {%- endfor -%}
    {{ return(checks) }}
{% endmacro %}

{% macro row_checks_literal(text) -%}
    '{{ text | replace("'", "''") }}'
{%- endmacro %}
