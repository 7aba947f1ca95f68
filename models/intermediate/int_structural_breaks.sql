{#- One row per place that the statistics report but that was abolished or re-drawn
    (places seed valid_to), at the year of the change: its series and those of the
    places that took over its territory break there. -#}

with

yearbook as (

    select * from {{ ref('int_yearbook_observations') }}

),

places as (

    select * from {{ ref('places') }}
    where nullif(trim(cast(valid_to as varchar)), '') is not null

),

reported as (

    select
        place_code,
        min(year) as first_year_reported,
        max(year) as last_year_reported

    from yearbook
    group by place_code

),

final as (

    select
        places.place_code,
        places.name_en,
        places.name_zh,
        year(cast(places.valid_to as date)) as year,
        cast(places.valid_to as date) as valid_to,
        places.successor_code,
        places.notes,
        reported.first_year_reported,
        reported.last_year_reported

    from places
    inner join reported
        on places.place_code = reported.place_code

)

select * from final
