{#- Real-time view of the warehouse (as ALFRED's real-time periods): a DuckDB table macro
    stored in the published file, so economists can ask what was known on a date:
        select * from marts.observations_as_of(date '2023-03-01') where place_code = '320583'
    It answers from every observation: per series and period, among the actuals published
    on or before the date (stated or estimated publication date), the one the best-value
    rule of fct_current_values (current_value_order) would have chosen then. -#}
{% macro create_as_of_macro() %}
    {%- set fct = adapter.get_relation(database=target.database, schema='marts',
                                       identifier='fct_observations') -%}
    {% if target.type == 'duckdb' and fct is not none %}
        create or replace macro {{ target.database }}.marts.observations_as_of(as_of_date) as table
        select * exclude (knowledge_rank)
        from (
            select
                *,
                row_number() over (
                    partition by place_code, indicator, sector, subject, growth_of, unit, period
                    order by {{ current_value_order() }}
                ) as knowledge_rank
            from marts.fct_observations
            where kind = 'actual' and published_date <= cast(as_of_date as date)
        )
        where knowledge_rank = 1
    {% else %}
        select 1
    {% endif %}
{% endmacro %}
