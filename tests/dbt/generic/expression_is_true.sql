{#- A boolean SQL expression that must hold on every row (as dbt_utils.expression_is_true).
    Rows where it is false or null fail, so write `coalesce(…, true)` where a null
    means "not applicable". On a column, the expression is appended to the column
    name, e.g. expression: "> 0". Use the test's `where` config to restrict the rows. -#}
{% test expression_is_true(model, expression, column_name=none) %}

select *
from {{ model }}
where not coalesce(({{ column_name ~ ' ' if column_name else '' }}{{ expression }}), false)

{% endtest %}
