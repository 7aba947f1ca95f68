{{ config(severity='warn') }}

{#- Primary + secondary + tertiary industry make up GDP: in city_comparison the three
    sector shares (value added / GDP, or the published shares where value added is
    missing) must add up to 100 within var('share_sum_tolerance_pp') points. This
    depends on the shipped statistics (unit slips, revisions), so it only warns; the
    observations concerned carry quality flags in fct_observations. -#}

select
    place_code,
    name_en,
    year,
    primary_share_pct,
    secondary_share_pct,
    tertiary_share_pct,
    primary_share_pct + secondary_share_pct + tertiary_share_pct as share_sum_pct

from {{ ref('city_comparison') }}
where
    abs(primary_share_pct + secondary_share_pct + tertiary_share_pct - 100)
    > {{ var('share_sum_tolerance_pp') }}
