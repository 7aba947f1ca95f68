{#- One row per finding on a single observation of the figures that come without a
    statistics bureau's own checks (the parsed communiqués and the secondary tables): each
    names the observation, the check and the evidence. int_observations_flagged turns them
    into quality flags. Thresholds are dbt vars. The checks:
    - share_stored_as_amount: a sector's value added written as at most 100 (亿元) and below
      1% of the city's GDP is its share in percent, not an amount;
    - usd_labelled_cny: foreign trade below a twentieth of GDP, or far below a neighbouring
      year of the same series and close to it once multiplied by the year's CNY/USD rate,
      is in 亿美元 though labelled 亿元;
    - duplicate_value_in_source: one source (one file, or one document for figures extracted
      from a communiqué's text) gives two different values for one place, series, period and
      vintage (two vintages of a file are not a duplicate); neither is a revision of the other;
    - gdp_disagrees_with_sector_sum: GDP unlike the sum of the three sectors of the same
      source, place and year (the sectors are flagged too where no GDP figure of any source
      matches their sum);
    - series_level_jump: a level series of one source that changes beyond the plausible
      between reported years (at most two apart), both sides flagged unless one side is
      already explained by a check above.
    Incremental by series (macros/incremental_series.sql), keyed on place, indicator,
    sector and period (the columns a finding has): the only findings on long-format
    statistics are duplicates within one series; the figures checked (communiqués) are
    small and always recomputed, with every GDP figure they are compared with. -#}
{%- set finding_key = ['place_code', 'indicator', 'sector', 'period'] %}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=["{{ delete_recomputed_series(columns=['place_code', 'indicator', 'sector', 'period']) }}"],
    post_hook=["{{ forget_incremental_batch() }}", "{{ record_incremental_batch() }}"]
) }}
-- depends_on: {{ ref('int_incremental_batch') }}, {{ ref('int_touched_series') }}

with

-- Incremental: the other sources, every GDP statistic, and the long-format rows of the
-- recomputed series, as three disjoint selects (an OR around the series subquery made
-- DuckDB test the rows one by one instead of a semi-join).
observations as (

    select * from {{ ref('int_observations_unioned') }}
    where
        kind = 'actual'
    {%- if is_incremental() %}
        and source_type <> 'observations'
    union all
    select * from {{ ref('int_observations_unioned') }}
    where
        kind = 'actual' and source_type = 'observations'
        and indicator = 'gdp' and sector = '' and growth_of = '' and unit = 'CNY' and is_statistic
    union all
    select * from {{ ref('int_observations_unioned') }}
    where
        kind = 'actual' and source_type = 'observations'
        and not coalesce(
            indicator = 'gdp' and sector = '' and growth_of = '' and unit = 'CNY' and is_statistic,
            false
        )
        and {{ in_recomputed_series('int_observations_unioned', columns=finding_key) }}
    {%- endif %}

),

checked as (

    select * from observations
    where source_type = 'communiques'

),

fx as (

    select * from {{ ref('fx_rates') }}
    where currency = 'USD'

),

-- GDP of a place and year as the statistics (not press) give it: the median of the sources.
gdp_by_year as (

    select
        place_code,
        year,
        median(value) as gdp

    from observations
    where indicator = 'gdp' and sector = '' and growth_of = '' and unit = 'CNY' and is_statistic
    group by place_code, year

),

-- For a year without GDP, the nearest year's (at most three years away): enough to tell a
-- share from an amount or 亿美元 from 亿元, which differ by orders of magnitude.
gdp as (

    select
        checked_years.place_code,
        checked_years.year,
        arg_min(gdp_by_year.gdp, abs(gdp_by_year.year - checked_years.year)) as gdp

    from (select distinct
        place_code,
        year
    from checked) as checked_years
    inner join gdp_by_year
        on
            checked_years.place_code = gdp_by_year.place_code
            and abs(gdp_by_year.year - checked_years.year) <= 3
    group by checked_years.place_code, checked_years.year

),

share_as_amount as (

    select
        checked.observation_id,
        'share_stored_as_amount' as flag,
        'value added ' || checked.value_as_written || ' ' || checked.unit_as_written
        || ' is ' || round(100 * checked.value / gdp.gdp, 3) || '% of GDP ' || round(gdp.gdp / 1e8, 2)
        || '亿元: a share in percent stored as an amount' as evidence

    from checked
    inner join gdp
        on checked.place_code = gdp.place_code and checked.year = gdp.year
    where
        checked.indicator = 'value_added' and checked.unit = 'CNY'
        and {{ parse_number('checked.stated_number') }} <= 100
        and checked.value < {{ var('share_as_amount_max_gdp_ratio') }} * gdp.gdp

),

trade as (

    select
        checked.*,
        fx.cny_per_unit,
        gdp.gdp,
        lag(checked.value) over series as previous_value,
        lead(checked.value) over series as next_value

    from checked
    left join fx
        on checked.year = fx.year
    left join gdp
        on checked.place_code = gdp.place_code and checked.year = gdp.year
    where checked.indicator = 'trade' and checked.unit = 'CNY'
    window series as (partition by checked.place_code, checked.source_file order by checked.year)

),

usd_as_cny as (

    select
        observation_id,
        'usd_labelled_cny' as flag,
        'trade ' || value_as_written || ' labelled 亿元 is '
        || case
            when value < {{ var('trade_min_gdp_ratio') }} * gdp
                then round(100 * value / gdp, 2) || '% of GDP (' || round(gdp / 1e8) || '亿元)'
            else
                'under ' || round(100 * {{ var('usd_jump_ratio') }}) || '% of a neighbouring year ('
                || round(coalesce(previous_value, next_value) / 1e8, 1) || ')'
        end
        || '; as 亿美元 at ' || round(cny_per_unit, 4) || ' it would be '
        || round(value * cny_per_unit / 1e8, 1) || '亿元' as evidence

    from trade
    where
        value < {{ var('trade_min_gdp_ratio') }} * gdp
        or (
            cny_per_unit is not null
            and (
                (
                    value < {{ var('usd_jump_ratio') }} * previous_value
                    and abs(value * cny_per_unit / previous_value - 1) < {{ var('usd_match_tolerance') }}
                )
                or (
                    value < {{ var('usd_jump_ratio') }} * next_value
                    and abs(value * cny_per_unit / next_value - 1) < {{ var('usd_match_tolerance') }}
                )
            )
        )

),

duplicate_groups as (

    select
        source_type,
        -- one publication: a document (extracted figures), else its address or file
        coalesce(document_id, source_url, source_file) as source_key,
        place_code,
        indicator,
        sector,
        subject,
        growth_of,
        unit,
        period,
        vintage_status,
        string_agg(distinct value_as_written, ' and ' order by value_as_written) as values_given

    from observations
    where
        qualifier = 'eq'
        and source_type in ('communiques', 'communique_text', 'observations', 'yearbook')
    group by all
    having count(distinct value) > 1

),

duplicates as (

    select
        observations.observation_id,
        'duplicate_value_in_source' as flag,
        'the same source gives ' || duplicate_groups.values_given
        || ' for this place, series, period and vintage' as evidence

    from observations
    inner join duplicate_groups
        on
            observations.source_type = duplicate_groups.source_type
            and coalesce(observations.document_id, observations.source_url, observations.source_file)
            = duplicate_groups.source_key
            and observations.place_code = duplicate_groups.place_code
            and observations.indicator = duplicate_groups.indicator
            and observations.sector = duplicate_groups.sector
            and observations.subject = duplicate_groups.subject
            and observations.growth_of = duplicate_groups.growth_of
            and observations.unit = duplicate_groups.unit
            and observations.period = duplicate_groups.period
            and observations.vintage_status = duplicate_groups.vintage_status
    where observations.qualifier = 'eq'

),

sector_sums as (

    select
        place_code,
        year,
        sum(value) as sector_sum,
        count(distinct sector) as sectors,
        string_agg(observation_id, ',') as sector_observation_ids

    from checked
    where
        indicator = 'value_added' and unit = 'CNY' and growth_of = ''
        and sector in ('primary industry', 'secondary industry', 'tertiary industry')
    group by place_code, year
    having count(distinct sector) = 3 and count(*) = 3

),

gdp_candidates as (

    select
        observations.observation_id,
        observations.source_type,
        observations.value,
        observations.value_as_written,
        sector_sums.place_code,
        sector_sums.year,
        sector_sums.sector_sum,
        sector_sums.sector_observation_ids,
        abs(observations.value / sector_sums.sector_sum - 1) <= {{ var('sector_sum_tolerance') }}
            as agrees

    from sector_sums
    inner join observations
        on
            sector_sums.place_code = observations.place_code
            and sector_sums.year = observations.year
            and observations.indicator = 'gdp' and observations.sector = ''
            and observations.growth_of = '' and observations.unit = 'CNY'
            and observations.is_statistic

),

gdp_vs_sectors as (

    select
        observation_id,
        'gdp_disagrees_with_sector_sum' as flag,
        'GDP ' || value_as_written || ' but primary + secondary + tertiary = '
        || round(sector_sum / 1e8, 2) as evidence

    from gdp_candidates
    where source_type = 'communiques' and not agrees

    union all

    select
        unnest(string_split(any_value(sector_observation_ids), ',')) as observation_id,
        'gdp_disagrees_with_sector_sum' as flag,
        'the sectors add to ' || round(any_value(sector_sum) / 1e8, 2)
        || ' and no GDP figure of any source matches' as evidence

    from gdp_candidates
    group by place_code, year
    having not bool_or(agrees)

),

explained as (

    select observation_id from share_as_amount
    union
    select observation_id from usd_as_cny
    union
    select observation_id from duplicates

),

levels as (

    select
        checked.*,
        lag(checked.observation_id) over series as previous_observation_id,
        lag(checked.value) over series as previous_value,
        lag(checked.year) over series as previous_year,
        lag(checked.value_as_written) over series as previous_as_written

    from checked
    where
        checked.indicator in (
            'gdp', 'value_added', 'gdp_per_capita', 'budget_revenue', 'retail_sales', 'trade',
            'investment'
        )
        and checked.growth_of = ''
        and checked.observation_id not in (select duplicates.observation_id from duplicates)
    window series as (
        partition by
            checked.place_code, checked.indicator, checked.sector, checked.unit, checked.source_file
        order by checked.year
    )

),

jumps as (

    select
        observation_id,
        previous_observation_id,
        indicator || ' ' || previous_as_written || ' (' || previous_year || ') → '
        || value_as_written || ' (' || year || '): a change no year brings' as evidence

    from levels
    where
        previous_year >= year - 2
        and value / previous_value not between {{ var('level_jump_ratio_min') }}
        and {{ var('level_jump_ratio_max') }}
        and observation_id not in (select explained.observation_id from explained)
        and previous_observation_id not in (select explained.observation_id from explained)

),

level_jumps as (

    select
        observation_id,
        'series_level_jump' as flag,
        evidence
    from jumps
    union all
    select
        previous_observation_id as observation_id,
        'series_level_jump' as flag,
        evidence
    from jumps

),

unioned as (

    select * from share_as_amount
    union all
    select * from usd_as_cny
    union all
    select * from duplicates
    union all
    select * from gdp_vs_sectors
    union all
    select * from level_jumps

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

select distinct * from final
{%- if is_incremental() %}
    where {{ in_recomputed_series('final', columns=finding_key) }}
{%- endif %}
