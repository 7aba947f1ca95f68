{#- One row per finding on a single observation where a level breaks for a reason that is
    not the economy: the population a per-capita figure divides by. Each names the
    observation, the check and the evidence (same shape as int_figure_checks):
    - implausible_population_jump: a population figure far from both neighbouring years
      while they agree with each other (a third of its neighbours is a slip, not a census);
    - derived_from_implausible_population: the per-capita GDP of the same source, place and
      year, which divides by that population;
    - per_capita_level_break: per-capita GDP that falls sharply while GDP does not: the
      population base changed (registered to resident), which is not a real decline. -#}

with

-- Only the indicators the checks read (population, per-capita GDP and the GDP it is
-- compared with): the CTE is read several times, so DuckDB materialises it, and every
-- other row of the big table would be copied for nothing.
observations as (

    select * from {{ ref('int_observations_unioned') }}
    where
        indicator in (
            'registered_population', 'resident_population', 'population', 'gdp_per_capita', 'gdp'
        )
        and kind = 'actual' and growth_of = '' and sector = ''
        and regexp_full_match(period, '\d{4}') and is_statistic

),

population as (

    select
        *,
        lag(value) over series as previous_value,
        lag(year) over series as previous_year,
        lead(value) over series as next_value,
        lead(year) over series as next_year

    from observations
    where indicator in ('registered_population', 'resident_population', 'population')
    window series as (partition by place_code, indicator, source_type order by year)

),

population_jumps as (

    select
        observation_id,
        place_code,
        year,
        source_type,
        'implausible_population_jump' as flag,
        indicator || ' ' || value_as_written || ' ' || unit_as_written || ' in ' || year
        || ' against ' || round(previous_value / 1e4, 1) || ' and ' || round(next_value / 1e4, 1)
        || ' 万 in the years around it' as evidence

    from population
    where
        previous_year = year - 1 and next_year = year + 1
        and abs(previous_value / next_value - 1) <= {{ var('population_neighbour_tolerance') }}
        and value / ((previous_value + next_value) / 2) not between
        {{ var('population_jump_ratio_min') }} and {{ var('population_jump_ratio_max') }}

),

derived as (

    select
        observations.observation_id,
        'derived_from_implausible_population' as flag,
        'per-capita GDP of a year whose population is implausible ('
        || population_jumps.evidence || ')' as evidence

    from observations
    inner join population_jumps
        on
            observations.place_code = population_jumps.place_code
            and observations.year = population_jumps.year
            and observations.source_type = population_jumps.source_type
    where observations.indicator = 'gdp_per_capita'

),

per_capita as (

    select
        per_capita_figures.*,
        lag(per_capita_figures.value) over series as previous_value,
        lag(per_capita_figures.year) over series as previous_year,
        gdp_figures.value as gdp,
        lag(gdp_figures.value) over series as previous_gdp

    from observations as per_capita_figures
    left join observations as gdp_figures
        on
            per_capita_figures.place_code = gdp_figures.place_code
            and per_capita_figures.year = gdp_figures.year
            and per_capita_figures.source_type = gdp_figures.source_type
            and gdp_figures.indicator = 'gdp' and gdp_figures.unit = 'CNY'
    where per_capita_figures.indicator = 'gdp_per_capita' and per_capita_figures.unit = 'CNY'
    window series as (
        partition by per_capita_figures.place_code, per_capita_figures.source_type
        order by per_capita_figures.year
    )

),

per_capita_breaks as (

    select
        observation_id,
        'per_capita_level_break' as flag,
        'per-capita GDP ' || round(previous_value) || ' → ' || round(value) || ' yuan while GDP '
        || round(previous_gdp / 1e8, 1) || ' → ' || round(gdp / 1e8, 1)
        || '亿: the population base changed' as evidence

    from per_capita
    where
        previous_year = year - 1
        and value < {{ var('per_capita_break_ratio') }} * previous_value
        and gdp >= previous_gdp

),

unioned as (

    select
        observation_id,
        flag,
        evidence
    from population_jumps
    union all
    select * from derived
    union all
    select * from per_capita_breaks

),

final as (

    select
        unioned.observation_id,
        unioned.flag,
        unioned.evidence,
        observations.place_code,
        observations.indicator,
        observations.sector,
        observations.period,
        observations.value_as_written,
        observations.unit_as_written,
        observations.source_ref

    from unioned
    inner join observations
        on unioned.observation_id = observations.observation_id

)

select * from final
