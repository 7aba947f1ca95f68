{#- The best current value of each series and period. The rule, in order:
    1. an observation without quality flags beats a flagged one (a suspect figure is
       used only when nothing else exists, and stays marked);
    2. source precedence (seeds/sources.csv): correction, yearbook, communiqués and
       reports, press and news;
    3. vintage: final > communique > yearbook > preliminary > estimate > unknown;
    4. the latest publication date; 5. the better reliability grade; 6. observation id
       (only to make the choice deterministic). -#}

with

observations as (

    select * from {{ ref('fct_observations') }}
    where kind = 'actual'

),

ranked as (

    select
        *,
        row_number() over (
            series
            order by
                is_suspect asc,
                source_precedence asc,
                {{ vintage_rank('vintage_status') }},
                published_date desc nulls last,
                reliability_rank asc,
                observation_id asc
        ) as choice_rank,
        count(*) over series as candidate_count,
        min(value) over series as min_candidate_value,
        max(value) over series as max_candidate_value

    from observations
    window series as (partition by place_code, indicator, sector, subject, growth_of, unit, period)

),

final as (

    select
        place_code,
        indicator,
        sector,
        subject,
        growth_of,
        unit,
        period,
        year,
        value,
        qualifier,
        value_as_written,
        unit_as_written,
        observation_id as chosen_observation_id,
        source_type,
        source_ref,
        vintage,
        vintage_status,
        published_date,
        is_suspect,
        quality_flags,
        candidate_count,
        min_candidate_value,
        max_candidate_value

    from ranked
    where choice_rank = 1

)

select * from final
