{#- One row per place and level series (GDP, sector value added, GDP per capita) that has
    current values on both sides of an economic-census break (seeds/economic_censuses.csv:
    the 2024 communiqués are on the fifth census base, the 2023 figures published before
    are not). Like a boundary change, the break makes the change in levels meaningless:
    the published real growth of the year is the comparable figure. Where a bureau restates
    the year before on the new base, that restatement is a new vintage of that year,
    published after the census results: it becomes the current value and the row goes. -#}

with

current_values as (

    select * from {{ ref('fct_current_values') }}
    where
        regexp_full_match(period, '\d{4}') and subject = '' and growth_of = ''
        and indicator in ('gdp', 'value_added', 'gdp_per_capita') and unit = 'CNY'

),

growth as (

    select * from {{ ref('fct_current_values') }}
    where regexp_full_match(period, '\d{4}') and indicator = 'gdp_growth' and sector = '' and subject = ''

),

censuses as (

    select * from {{ ref('economic_censuses') }}

),

final as (

    select
        after_break.place_code,
        after_break.indicator,
        after_break.sector,
        censuses.census,
        after_break.year,
        before_break.value as previous_value,
        before_break.vintage_status as previous_vintage_status,
        before_break.published_date as previous_published_date,
        after_break.value,
        after_break.vintage_status,
        after_break.published_date,
        after_break.value / before_break.value as level_ratio,
        growth.value as published_real_growth_pct,
        before_break.source_ref || ' → ' || after_break.source_ref as source_refs

    from current_values as after_break
    inner join censuses
        on after_break.year = censuses.first_year_on_new_base
    inner join current_values as before_break
        on
            after_break.place_code = before_break.place_code
            and after_break.indicator = before_break.indicator
            and after_break.sector = before_break.sector
            and before_break.year = after_break.year - 1
    left join growth
        on after_break.place_code = growth.place_code and after_break.period = growth.period
    -- A break only where the year before is still on the old base: published before the
    -- census results (a compilation printed later, such as the CSMAR export, is restated).
    where
        before_break.published_date < censuses.results_published
        and after_break.published_date >= censuses.results_published

)

select * from final
