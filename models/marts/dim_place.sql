with

places as (

    select * from {{ ref('places') }}

),

provinces as (

    select
        place_code,
        name_en,
        name_zh

    from places
    where level = 'provincial'

),

final as (

    select
        places.place_code,
        places.code_system,
        places.level,
        places.division_type,
        places.parent_code,
        places.province_code,
        provinces.name_en as province_name_en,
        provinces.name_zh as province_name_zh,
        places.prefecture_code,
        places.name_zh,
        places.name_zh_short,
        places.name_zh_hant,
        places.name_en,
        places.display_name_en,
        places.name_pinyin,
        places.aliases,
        coalesce(places.yrd_central_area, false) as yrd_central_area,
        -- The 41 cities of the YRD: Shanghai and the prefecture-level cities.
        (places.level = 'prefecture' or places.place_code = '310000') as is_yrd_city,
        case
            when places.level = 'prefecture' or places.place_code = '310000' then 'city'
            when places.division_type = 'county-level city' then 'county-level city'
        end as comparison_group,
        try_cast(places.valid_from as date) as valid_from,
        try_cast(places.valid_to as date) as valid_to,
        places.valid_to is null or trim(places.valid_to) = '' as is_current,
        places.successor_code,
        places.source,
        places.notes

    from places
    left join provinces
        on places.province_code = provinces.place_code

)

select * from final
