{#- The series (macros/incremental_series.sql series_columns) whose rows may change in this
    run of the series-incremental chain, found by comparing the inputs now with the chain's
    state after the previous run (int_observations_flagged as it stands before this run):
    - the series of loads of long-format statistics that are new, or gone (a file deleted
      or replaced: its rows must go);
    - every series of the other sources (small: they are recomputed each run), before and now;
    - every series that had a quality flag: flags look across series (population of the
      neighbouring years, GDP of other sources), so one can change without its series being
      touched. The chain's models add the series flagged now (see each model).
    Empty when int_incremental_batch says recompute_all (the models then take every row). -#}

{%- set previous_relation = previous_flagged_relation() %}

with

batch as (

    select * from {{ ref('int_incremental_batch') }}

),

-- Each big input is read by CTEs that take only what they need, each read once: a CTE
-- read twice is materialised by DuckDB, which at 27M rows means copying (and spilling)
-- the whole table.
long_observations as (

    select * from {{ ref('int_long_observations') }}

),

-- The other sources as int_observations_unioned takes them (each is small).
others_now as (

    {%- for model in ['int_yearbook_observations', 'int_official_figure_observations',
                      'int_correction_observations', 'int_document_observations',
                      'int_communique_observations'] %}
        select
            place_code,
            indicator,
            sector,
            subject,
            growth_of,
            unit,
            period
        from {{ ref(model) }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

{% if previous_relation is not none %}

    loads_now as (

        select distinct
            source_file,
            load_id
        from {{ ref('int_long_observations') }}

    ),

    loads_before as (

        select distinct
            source_file,
            load_id
        from {{ previous_relation }}
        where source_type = 'observations'

    ),

    previous_observations as (

        select * from {{ previous_relation }}
        where source_type = 'observations'

    ),

    -- the other sources and the flagged rows, as the previous run left them
    previous_others as (

        select * from {{ previous_relation }}
        where source_type <> 'observations' or quality_flags is not null

    ),


    new_loads as (

        select * from loads_now
        where not exists (
            select 1 from loads_before
            where
                loads_before.source_file = loads_now.source_file
                and loads_before.load_id = loads_now.load_id
        )

    ),

    gone_loads as (

        select * from loads_before
        where not exists (
            select 1 from loads_now
            where
                loads_now.source_file = loads_before.source_file
                and loads_now.load_id = loads_before.load_id
        )

    ),

    changed as (

        select
            place_code,
            indicator,
            sector,
            subject,
            growth_of,
            unit,
            period
        from long_observations
        where
            exists (
                select 1 from new_loads
                where
                    new_loads.source_file = long_observations.source_file
                    and new_loads.load_id = long_observations.load_id
            )
        union all
        select
            place_code,
            indicator,
            sector,
            subject,
            growth_of,
            unit,
            period
        from previous_observations
        where
            exists (
                select 1 from gone_loads
                where
                    gone_loads.source_file = previous_observations.source_file
                    and gone_loads.load_id = previous_observations.load_id
            )
        union all
        select
            place_code,
            indicator,
            sector,
            subject,
            growth_of,
            unit,
            period
        from previous_others
        union all
        select * from others_now

    ),

{% else %}

    changed as (

        select
            place_code,
            indicator,
            sector,
            subject,
            growth_of,
            unit,
            period
        -- the first build: int_incremental_batch says recompute_all, nothing to list
        from long_observations
        where false
        union all
        select * from others_now

    ),

{% endif %}

final as (

    select distinct changed.*
    from changed
    where not (select batch.recompute_all from batch)

)

select * from final
