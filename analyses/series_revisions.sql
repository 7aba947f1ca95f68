{#- The revisions of one series: each published value that replaced an earlier one for
    the same place, indicator, sector, unit and period (marts.revisions), oldest first.
    Default: Kunshan's GDP. Another series:
    --vars '{place_code: "320500", indicator: gdp, sector: ""}'. -#}
{%- set place_code = var('place_code', '320583') -%}
{%- set indicator = var('indicator', 'gdp') -%}
{%- set sector = var('sector', '') -%}

with

revisions as (

    select * from {{ ref('revisions') }}
    where
        place_code = '{{ place_code }}'
        and indicator = '{{ indicator }}'
        and coalesce(sector, '') = '{{ sector }}'

),

places as (

    select * from {{ ref('dim_place') }}

),

final as (

    select
        revisions.place_code,
        places.name_zh as place_name_zh,
        places.name_en as place_name_en,
        revisions.indicator,
        revisions.sector,
        revisions.unit,
        revisions.period,
        revisions.from_value,
        revisions.to_value,
        revisions.change,
        round(revisions.change_pct, 3) as change_pct,
        revisions.from_vintage,
        revisions.to_vintage,
        revisions.from_published,
        revisions.to_published,
        revisions.from_observation_id,
        revisions.to_observation_id

    from revisions
    left join places
        on revisions.place_code = places.place_code

)

select * from final
order by period, unit, from_published nulls first, to_published nulls last
