{#- Accounting identity of the mart: among the YRD cities (comparison_group 'city'),
    share_of_yrd_pct adds up to 100 in every year, and share_of_province_pct adds up to
    100 in every province and year. Both hold by construction for whichever cities
    report a GDP (yrd_cities_reporting says how many), so a failure is a bug in the
    model (a fan-out in a join, a wrong partition), not in the statistics. -#}

with

cities as (

    select * from {{ ref('city_comparison') }}
    where comparison_group = 'city' and group_complete

),

yrd_sums as (

    select
        'yrd' as total,
        year,
        cast(null as varchar) as province_code,
        sum(share_of_yrd_pct) as share_sum_pct

    from cities
    group by year

),

province_sums as (

    select
        'province' as total,
        year,
        province_code,
        sum(share_of_province_pct) as share_sum_pct

    from cities
    group by year, province_code

),

final as (

    select * from yrd_sums
    where abs(share_sum_pct - 100) > 1e-6 or share_sum_pct is null
    union all
    select * from province_sums
    where abs(share_sum_pct - 100) > 1e-6 or share_sum_pct is null

)

select * from final
