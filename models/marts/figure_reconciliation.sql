{#- One row per figure a document states as an actual: the official value of the same
    place, indicator, sector, unit and period, and whether the two agree.
    consistent — the official value satisfies the statement given its qualifier and the
    rounding of the stated number ("exceeded 470 billion yuan" and "474.81 billion yuan"
    both agree with 4748.06亿元); "about" allows 3%;
    conflict — they do not; no_official_figure — no yearbook, correction or communiqué value. -#}

with

claims as (

    select * from {{ ref('fct_observations') }}
    where source_type = 'document' and kind = 'actual'

),

official as (

    select * from {{ ref('fct_current_values') }}
    where source_type <> 'document'

),

places as (

    select * from {{ ref('dim_place') }}

),

joined as (

    select
        claims.observation_id,
        claims.place_code,
        places.name_en as place_name_en,
        claims.indicator,
        claims.sector,
        claims.subject,
        claims.growth_of,
        claims.unit,
        claims.period,
        claims.value as stated_value,
        claims.value_as_written as stated_as_written,
        claims.qualifier,
        claims.document_id,
        claims.quote,
        claims.source_ref,
        claims.source_url,
        claims.published_date as stated_on,
        official.value as official_value,
        official.chosen_observation_id as official_observation_id,
        official.source_ref as official_source_ref,
        official.source_type as official_source_type,
        official.vintage as official_vintage,
        {{ rounding_half_unit('claims.stated_number', 'claims.value') }} as rounding_tolerance

    from claims
    left join official
        on
            claims.place_code = official.place_code
            and claims.indicator = official.indicator
            and claims.sector = official.sector
            and claims.subject = official.subject
            and claims.growth_of = official.growth_of
            and claims.unit = official.unit
            and claims.period = official.period
    left join places
        on claims.place_code = places.place_code

),

final as (

    select
        *,
        {{ safe_divide('stated_value - official_value', 'official_value') }} as relative_difference,
        case
            when official_value is null then 'no_official_figure'
            when
                case qualifier
                    when 'gt' then official_value > stated_value
                    when 'gte' then official_value >= stated_value
                    when 'lt' then official_value < stated_value
                    when 'lte' then official_value <= stated_value
                    when 'approx'
                        then
                            abs(official_value - stated_value)
                            <= greatest(0.03 * abs(stated_value), coalesce(rounding_tolerance, 0))
                    else
                        abs(official_value - stated_value)
                        <= coalesce(rounding_tolerance, 0) + 1e-9 * abs(stated_value)
                end
                then 'consistent'
            else 'conflict'
        end as status

    from joined

)

select * from final
