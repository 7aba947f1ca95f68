with

indicators as (

    select * from {{ ref('indicators') }}

),

final as (

    select
        indicator_code as indicator,
        name_en,
        name_zh,
        base_unit,
        additive,
        description

    from indicators

)

select * from final
