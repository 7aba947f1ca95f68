{#- Figures stated in press releases and news that conflict with the official figure
    for the same place, indicator, sector, unit and period (marts.figure_conflicts),
    largest relative difference first, with the quote and both sources. -#}

with

conflicts as (

    select * from {{ ref('figure_conflicts') }}

),

places as (

    select * from {{ ref('dim_place') }}

),

indicators as (

    select * from {{ ref('dim_indicator') }}

),

final as (

    select
        conflicts.place_code,
        places.name_zh as place_name_zh,
        places.name_en as place_name_en,
        conflicts.indicator,
        indicators.name_zh as indicator_name_zh,
        indicators.name_en as indicator_name_en,
        conflicts.sector,
        conflicts.unit,
        conflicts.period,
        conflicts.stated_value,
        conflicts.stated_as_written,
        conflicts.qualifier,
        conflicts.official_value,
        round(100 * conflicts.relative_difference, 2) as difference_pct,
        conflicts.quote,
        conflicts.document_id,
        conflicts.source_ref,
        conflicts.official_source_ref,
        conflicts.status

    from conflicts
    left join places
        on conflicts.place_code = places.place_code
    left join indicators
        on conflicts.indicator = indicators.indicator

)

select * from final
order by abs(difference_pct) desc nulls last, place_code asc, indicator asc, period asc
