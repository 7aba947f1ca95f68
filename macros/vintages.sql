{#- Vintages as ALFRED keeps them: one controlled list of statuses (seeds/vintage_statuses.csv),
    publication dates stated or estimated by a rule (seeds/publication_date_rules.csv), and the
    one ordering that picks the best current value (fct_current_values, observations_as_of). -#}

{#- Last day of the period a label describes: '2021' → 2021-12-31, '2023-H1' → 2023-06-30,
    '2025-Q1..Q3' → 2025-09-30, '2023-01..07' → 2023-07-31, '2021..2025' → 2025-12-31. -#}
{% macro period_end_date(period) -%}
    case
        when regexp_full_match({{ period }}, '\d{4}') or regexp_full_match({{ period }}, '.*\.\.\d{4}')
            then make_date({{ period_end_year(period) }}, 12, 31)
        when regexp_matches({{ period }}, 'H1$') then make_date({{ period_year(period) }}, 6, 30)
        when regexp_matches({{ period }}, 'H2$') then make_date({{ period_year(period) }}, 12, 31)
        when regexp_matches({{ period }}, 'Q[1-4]$')
            then last_day(make_date(
                {{ period_year(period) }},
                3 * cast(regexp_extract({{ period }}, 'Q([1-4])$', 1) as integer), 1
            ))
        when regexp_matches({{ period }}, '\d{4}-\d{2}$|\.\.\d{2}$')
            then last_day(make_date(
                {{ period_year(period) }},
                cast(regexp_extract({{ period }}, '(\d{2})$', 1) as integer), 1
            ))
        else make_date({{ period_end_year(period) }}, 12, 31)
    end
{%- endmacro %}

{#- The publication date estimated by a rule of publication_date_rules for a period. -#}
{% macro estimated_publication_date(period, rule) -%}
    last_day(
        {{ period_end_date(period) }} + to_months(cast((
            select
                case
                    when regexp_full_match({{ period }}, '\d{4}|\d{4}\.\.\d{4}')
                        then publication_rules.months_after_annual_period
                    else publication_rules.months_after_subannual_period
                end
            from {{ ref('publication_date_rules') }} as publication_rules
            where publication_rules.rule = {{ rule }}
        ) as integer))
    )
{%- endmacro %}

{#- The rule's date where the source states none. -#}
{% macro publication_date(stated_date, period, rule) -%}
    coalesce({{ stated_date }}, {{ estimated_publication_date(period, rule) }})
{%- endmacro %}

{% macro publication_date_basis(stated_date) -%}
    case when {{ stated_date }} is null then 'estimated' else 'stated' end
{%- endmacro %}

{#- The order of candidates for the best current value of a series and period
    (one home: fct_current_values and marts.observations_as_of use it):
    1. a clean figure beats a flagged one, and a figure with fewer flags a figure with more;
    2. a statistic beats a press claim or target, an exact figure a bound ("more than");
    3. an explicitly final figure of the bureau (census revision, then final verified)
       beats everything else: a secondary compilation of unknown vintage, however late,
       never beats it;
    4. otherwise the latest vintage: the later publication date (stated or estimated);
    5. on the same date the later stage of life (vintage_statuses.order_in_life: revised >
       preliminary > unknown vintage > estimate), so a bureau's own figure beats a copy of
       it; then source precedence, reliability, and the id to be deterministic. -#}
{% macro current_value_order() -%}
    is_suspect asc,
    flag_count asc,
    is_statistic desc,
    qualifier in ('eq', 'approx') desc,
    case when vintage_status in ('final', 'census_revision') then order_in_life else 0 end desc,
    published_date desc nulls last,
    order_in_life desc,
    source_precedence asc,
    reliability_rank asc,
    observation_id asc
{%- endmacro %}
