-- One target, one row: a target stated with and without its sector (same place,
-- indicator, unit, horizon and value; subjects worded differently) must not appear twice.
with

targets as (

    select * from {{ ref('targets_vs_actuals') }}

),

final as (

    select
        place_code,
        indicator,
        unit,
        horizon,
        target_value,
        count(*) as target_rows,
        count(distinct sector) as sectors

    from targets
    group by place_code, indicator, unit, horizon, target_value
    having count(*) > 1 and bool_or(sector = '')

)

select * from final
