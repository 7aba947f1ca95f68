{#- One row per source table, place code and name as written: does the written name
    belong to the code, and does it also name another place (look-alikes such as the
    two Suzhous and the two Taizhous)? Places are always resolved by code. -#}

with

yearbook as (

    select * from {{ ref('int_yearbook_observations') }}

),

places as (

    select * from {{ ref('places') }}

),

written as (

    select distinct
        split_part(source_file, '/', -1) as source_table,
        place_code,
        place_name_as_written as name_as_written,
        -- "Suzhou(city)", "Taizhou city", "Ma’Anshan" → "suzhou", "taizhou", "ma'anshan"
        lower(trim(regexp_replace(
            replace(replace(place_name_as_written, '’', ''''), ' (province)', ''),
            '\s*\(?\b(city|province)\b\)?\s*$', '', 'i'
        ))) as name_key

    from yearbook

),

place_names as (

    select
        place_code,
        lower(name_en) as name_key,
        province_code
    from places
    union all
    select
        places.place_code,
        lower(trim(alias.unnest)) as name_key,
        places.province_code
    from places
    cross join unnest(string_split(coalesce(places.aliases, ''), '|')) as alias
    where trim(alias.unnest) <> ''

),

final as (

    select
        written.source_table,
        written.place_code,
        written.name_as_written,
        places.name_en as name_of_code,
        exists(
            select 1 from place_names
            where
                place_names.place_code = written.place_code
                and place_names.name_key = written.name_key
        ) as name_matches_code,
        (
            select string_agg(distinct place_names.place_code, ', ' order by place_names.place_code)
            from place_names
            where
                place_names.name_key = written.name_key
                and place_names.place_code <> written.place_code
        ) as lookalike_codes

    from written
    left join places
        on written.place_code = places.place_code

)

select * from final
