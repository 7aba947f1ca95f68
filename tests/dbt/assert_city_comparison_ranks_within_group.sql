{#- Ranks in city_comparison are positions in a group of places: 1 ≤ rank_in_province
    ≤ rank_in_yrd ≤ places_ranked, and places_ranked is the number of rows of the group
    and year (for the 'city' group also yrd_cities_reporting). An invariant of the
    model, whatever the statistics say. -#}

with

city_comparison as (

    select * from {{ ref('city_comparison') }}

),

group_sizes as (

    select
        comparison_group,
        year,
        count(*) as group_rows

    from city_comparison
    group by comparison_group, year

),

final as (

    select
        city_comparison.place_code,
        city_comparison.year,
        city_comparison.comparison_group,
        city_comparison.rank_in_province,
        city_comparison.rank_in_yrd,
        city_comparison.places_ranked,
        city_comparison.yrd_cities_reporting,
        group_sizes.group_rows

    from city_comparison
    inner join group_sizes
        on
            city_comparison.comparison_group = group_sizes.comparison_group
            and city_comparison.year = group_sizes.year
    where
        not (
            city_comparison.rank_in_province >= 1
            and city_comparison.rank_in_province <= city_comparison.rank_in_yrd
            and city_comparison.rank_in_yrd <= city_comparison.places_ranked
            and city_comparison.places_ranked = group_sizes.group_rows
        )
        or (
            city_comparison.comparison_group = 'city'
            and city_comparison.yrd_cities_reporting is distinct from city_comparison.places_ranked
        )

)

select * from final
