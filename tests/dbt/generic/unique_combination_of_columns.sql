{#- Compound uniqueness (dbt_utils is not available: dbt deps cannot reach the hub).
    Fails with one row per duplicated combination, with how often it occurs.
    Nulls count as a value: two rows with the same non-null parts and a null in the
    same column are duplicates (the marts use '' rather than null for "no sector"). -#}
{% test unique_combination_of_columns(model, combination_of_columns) %}

    with

    validation as (

        select
            {% for column in combination_of_columns -%}
                {{ column }},
            {% endfor -%}
            count(*) as occurrences

        from {{ model }}
        group by all

    ),

    final as (

        select * from validation
        where occurrences > 1

    )

    select * from final

{% endtest %}
