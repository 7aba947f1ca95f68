{#- The YRD has 41 cities: Shanghai and 40 prefecture-level cities (Jiangsu 13,
    Zhejiang 11, Anhui 16). city_comparison's shares of the YRD are only totals of the
    YRD when all of them report, so the count is pinned here. Abolished units (巢湖市
    341400) are YRD cities for their years but not current. -#}

with

current_cities as (

    select
        province_code,
        count(*) as cities

    from {{ ref('dim_place') }}
    where is_yrd_city and is_current
    group by province_code

),

expected as (

    select
        expected_counts.province_code,
        expected_counts.cities

    from (
        values ('310000', 1), ('320000', 13), ('330000', 11), ('340000', 16)
    ) as expected_counts (province_code, cities)

),

final as (

    select
        coalesce(expected.province_code, current_cities.province_code) as province_code,
        expected.cities as expected_cities,
        current_cities.cities as current_cities

    from expected
    full outer join current_cities
        on expected.province_code = current_cities.province_code
    where expected.cities is distinct from current_cities.cities

)

select * from final
