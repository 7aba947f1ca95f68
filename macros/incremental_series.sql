{#- Incremental by series: the observation chain (int_observations_unioned → _flagged →
    fct_observations → fct_current_values, revisions, coverage, and int_figure_checks)
    recomputes only the series a run touches (int_touched_series) instead of every row.

    Why not dbt-duckdb's own strategies: delete+insert deletes the keys of the NEW rows, so a
    series whose rows all went (a load deleted) would keep its old rows; merge has the same
    blind spot; microbatch slices by event time, and a revision is old periods published
    late. So each model appends (strategy 'append') after a pre-hook deleted the series it
    recomputes, the way int_long_observations deletes and appends loads.

    Every run has a batch (int_incremental_batch); each chain model records in
    intermediate.incremental_state the batch it last completed. A model whose recorded batch
    is not the previous run's (it failed or was skipped, or was never built), or any run
    after the project's models, seeds, macros or vars changed, recomputes everything (and
    `yrd build` then runs a full refresh: yrd/build/code_state.py). -#}

{#- A series: the partition of fct_current_values and revisions. -#}
{% macro series_columns() -%}
    {{ return(['place_code', 'indicator', 'sector', 'subject', 'growth_of', 'unit', 'period']) }}
{%- endmacro %}

{#- Where each chain model records the batch it completed (in the build's own file). -#}
{% macro incremental_state_relation() -%}
    {{ return(generate_schema_name('intermediate', none) | trim ~ '.incremental_state') }}
{%- endmacro %}

{#- What a run's result depends on besides the data: the code of every model, macro and
    seed of the project, and the value of every var they use. -#}
{% macro incremental_fingerprint() -%}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set parts = [] -%}
    {%- set var_names = [] -%}
    {%- for node in graph.nodes.values() | sort(attribute='unique_id')
        if node.resource_type in ('model', 'seed') and node.package_name == project_name -%}
        {%- do parts.append(node.unique_id ~ '=' ~ node.checksum.checksum) -%}
        {%- for name in modules.re.findall("var\(\s*['\"](\w+)['\"]", node.raw_code or '') -%}
            {%- do var_names.append(name) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- for macro in graph.get('macros', {}).values() | sort(attribute='unique_id')
        if macro.package_name == project_name -%}
        {%- do parts.append(macro.unique_id ~ '=' ~ local_md5(macro.macro_sql)) -%}
        {%- for name in modules.re.findall("var\(\s*['\"](\w+)['\"]", macro.macro_sql) -%}
            {%- do var_names.append(name) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- for name in var_names | unique | sort -%}
        {%- do parts.append('var ' ~ name ~ '=' ~ var(name, none)) -%}
    {%- endfor -%}
    {{ return(local_md5(parts | join('\n'))) }}
{%- endmacro %}

{#- int_observations_flagged as the previous run left it (none before the first build):
    int_touched_series compares the inputs with it. Not a ref: it is built later in a run. -#}
{% macro previous_flagged_relation() -%}
    {%- if execute -%}
        {{ return(adapter.get_relation(database=this.database, schema=this.schema,
                                       identifier='int_observations_flagged')) }}
    {%- endif -%}
    {{ return(none) }}
{%- endmacro %}

{#- True when this model must recompute every row (see above). Read when the model runs,
    after int_incremental_batch: deciding here, not in SQL, keeps the filters below plain
    semi-joins (an OR of subqueries made DuckDB test every row one by one). -#}
{% macro recompute_all() -%}
    {%- if not execute -%}
        {{ return(false) }}
    {%- endif -%}
    {%- if load_relation(ref('int_incremental_batch')) is none -%}
        {{ return(true) }}
    {%- endif -%}
    {%- set query -%}
        select
            batch.recompute_all
            or (
                select state.batch from {{ incremental_state_relation() }} as state
                where state.model = '{{ this.name }}'
            ) is distinct from batch.previous_batch
        from {{ ref('int_incremental_batch') }} as batch
    {%- endset -%}
    {%- set answer = run_query(query).columns[0].values() -%}
    {{ return(answer | length == 0 or answer[0] is not false) }}
{%- endmacro %}

{#- The series of `alias` is in `series_sql` (a relation or subquery with the series
    columns). `columns`: the series columns to compare (default all), or a mapping of
    series column to an SQL expression of `alias` (for a table that derives one). -#}
{% macro series_in(alias, series_sql, columns=none) -%}
    {%- set columns = columns or series_columns() -%}
    {%- set conditions = [] -%}
    {%- for column in columns -%}
        {%- do conditions.append('series_set.' ~ column ~ ' = '
            ~ (columns[column] if columns is mapping else alias ~ '.' ~ column)) -%}
    {%- endfor -%}
    exists (select 1 from {{ series_sql }} as series_set where {{ conditions | join(' and ') }})
{%- endmacro %}

{#- The series columns of a table with one row per annual series without subject, and a
    year instead of the period (coverage). -#}
{% macro annual_series_columns(alias) -%}
    {%- set columns = {} -%}
    {%- for column in series_columns() -%}
        {%- do columns.update({column: alias ~ '.' ~ column}) -%}
    {%- endfor -%}
    {%- do columns.update({'subject': "''", 'period': 'cast(' ~ alias ~ '.year as varchar)'}) -%}
    {{ return(columns) }}
{%- endmacro %}

{#- The distinct series of the rows of `relation` that satisfy `condition`. -#}
{% macro series_where(relation, condition) -%}
    (select distinct {{ series_columns() | join(', ') }} from {{ relation }} where {{ condition }})
{%- endmacro %}

{#- The extra series a chain model recomputes (flagged now) are kept as small tables of
    the chain's state, written by a hook each run (whatever the run recomputes, so they
    always hold the current rows): as a table of a few thousand rows with exact statistics,
    DuckDB builds its semi-join's hash table on them. As a subquery over the big table its
    estimate was large, and it hashed the whole big table instead (3 s of 5 at 3M). -#}
{% macro series_state_relation(name) -%}
    {{ return(generate_schema_name('intermediate', none) | trim ~ '.incremental_' ~ name ~ '_series') }}
{%- endmacro %}

{% macro save_series_state(name, relation, condition) -%}
    create or replace table {{ series_state_relation(name) }} as
    {{ series_where(relation, condition) }}
{%- endmacro %}

{#- Series with a finding now, as int_observations_flagged reads the checks (saved by its
    pre-hook, save_finding_series). -#}
{% macro series_with_findings() -%}
    {{ return(series_state_relation('finding')) }}
{%- endmacro %}

{% macro save_finding_series() -%}
    {{ save_series_state('finding', ref('int_observations_unioned'),
        "observation_id in (select observation_id from " ~ ref('int_figure_checks')
        ~ " union all select observation_id from " ~ ref('int_level_break_checks') ~ ")") }}
{%- endmacro %}

{#- Series with a flagged row now, in int_observations_flagged (saved by its post-hook) and
    in fct_observations (suspect: saved by its post-hook). -#}
{% macro flagged_series() -%}
    {{ return(series_state_relation('flagged')) }}
{%- endmacro %}

{% macro save_flagged_series() -%}
    {{ save_series_state('flagged', this, 'quality_flags is not null') }}
{%- endmacro %}

{% macro suspect_series() -%}
    {{ return(series_state_relation('suspect')) }}
{%- endmacro %}

{% macro save_suspect_series() -%}
    {{ save_series_state('suspect', this, 'is_suspect') }}
{%- endmacro %}

{#- The rows of `alias` this run recomputes: all when recompute_all(), else the touched
    series and those of `also` (extra series, e.g. observations flagged now). -#}
{% macro in_recomputed_series(alias, also=none, columns=none) -%}
    {%- if recompute_all() -%}
        true
    {%- else -%}
        {%- set touched = ref('int_touched_series') -%}
        {{ series_in(alias, '(select * from ' ~ touched ~ (' union all select * from ' ~ also if also else '')
            ~ ')', columns) }}
    {%- endif -%}
{%- endmacro %}

{#- Pre-hook: delete the rows this run recomputes. -#}
{% macro delete_recomputed_series(also=none, columns=none) -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where {{ in_recomputed_series(this.identifier, also, columns) }}
    {%- endif -%}
{%- endmacro %}

{#- Post-hooks: record the batch this model completed (two statements, two hooks). -#}
{% macro forget_incremental_batch() -%}
    delete from {{ incremental_state_relation() }} where model = '{{ this.name }}'
{%- endmacro %}

{% macro record_incremental_batch(batch_relation=none) -%}
    insert into {{ incremental_state_relation() }}
    select '{{ this.name }}', batch.batch, batch.fingerprint
    from {{ batch_relation or ref('int_incremental_batch') }} as batch
{%- endmacro %}

{#- The distinct values of `column` in the rows of `sql`, as quoted SQL literals, read when
    the model runs (for a filter of constants that DuckDB can push into a table scan). -#}
{% macro distinct_values(column, sql) -%}
    {%- set literals = [] -%}
    {%- if execute -%}
        {%- set query = 'select distinct ' ~ column ~ ' from (' ~ sql ~ ') order by 1' -%}
        {%- for value in run_query(query).columns[0].values() -%}
            {%- do literals.append("'" ~ (value | replace("'", "''")) ~ "'") -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(literals) }}
{%- endmacro %}
