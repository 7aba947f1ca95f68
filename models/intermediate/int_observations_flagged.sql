{#- Each observation with the quality findings that concern it. Nothing is changed:
    flags only steer the choice of the current value and tell the reader why.
    Incremental by series (macros/incremental_series.sql): a run recomputes the series
    int_touched_series lists (new and deleted loads, other sources, flagged before) and
    those with a finding now, since a check may look across series. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=["{{ save_finding_series() }}", "{{ delete_recomputed_series(also=series_with_findings()) }}"],
    post_hook=["{{ save_flagged_series() }}", "{{ forget_incremental_batch() }}", "{{ record_incremental_batch() }}"]
) }}
-- depends_on: {{ ref('int_incremental_batch') }}, {{ ref('int_touched_series') }}

with

observations as (

    select * from {{ ref('int_observations_unioned') }}
    {%- if is_incremental() %}
        where {{ in_recomputed_series('int_observations_unioned', also=series_with_findings()) }}
    {%- endif %}

),

checks as (

    select * from {{ ref('int_city_year_checks') }}

),

agreement as (

    select * from {{ ref('int_source_agreement') }}

),

figure_checks as (

    select
        observation_id,
        flag
    from {{ ref('int_figure_checks') }}
    union all
    select
        observation_id,
        flag
    from {{ ref('int_level_break_checks') }}

),

figure_flags as (

    select
        observation_id,
        string_agg(distinct flag, ', ' order by flag) as flags

    from figure_checks
    group by observation_id

),

check_flags as (

    select
        observations.observation_id,
        case
            when observations.indicator = 'gdp' and checks.flag_yoy
                then 'implausible_yoy_change'
        end as flag_yoy,
        case
            when observations.indicator = 'gdp' and checks.flag_growth_vs_levels
                then 'levels_disagree_with_real_growth'
        end as flag_growth,
        case
            when
                observations.indicator = 'value_added' and observations.unit = 'CNY'
                and (
                    (observations.sector = 'primary industry' and checks.flag_primary_share)
                    or (observations.sector = 'secondary industry' and checks.flag_secondary_share)
                    or (observations.sector = 'tertiary industry' and checks.flag_tertiary_share)
                )
                then 'value_added_disagrees_with_share'
        end as flag_share,
        case
            when observations.indicator = 'gdp_per_capita' and checks.flag_per_capita
                then 'per_capita_inconsistent_with_gdp_and_population'
        end as flag_per_capita

    from observations
    inner join checks
        on
            observations.place_code = checks.place_code
            and observations.year = checks.year
    where observations.source_type = 'yearbook'

),

disagreements as (

    -- A later vintage that differs is a revision, not a disagreement.
    select yearbook_observation_id as observation_id from agreement
    where not sources_agree and not explained_by_vintage
    union
    select other_observation_id as observation_id from agreement
    where not sources_agree and not explained_by_vintage

),

corrected as (

    select distinct corrects_observation_id as observation_id
    from observations
    where corrects_observation_id is not null

),

final as (

    select
        observations.*,
        nullif(concat_ws(
            ', ',
            check_flags.flag_yoy,
            check_flags.flag_growth,
            check_flags.flag_share,
            check_flags.flag_per_capita,
            figure_flags.flags,
            case when disagreements.observation_id is not null then 'sources_disagree' end,
            case when corrected.observation_id is not null then 'superseded_by_correction' end
        ), '') as quality_flags

    from observations
    left join check_flags
        on observations.observation_id = check_flags.observation_id
    left join disagreements
        on observations.observation_id = disagreements.observation_id
    left join corrected
        on observations.observation_id = corrected.observation_id
    left join figure_flags
        on observations.observation_id = figure_flags.observation_id

)

select * from final
