{#- Statistics in long format (data/observations) in the common observation shape.
    Incremental by load: a run appends the rows of loads it has not seen and deletes the
    rows of loads that are no longer in raw (a file replaced or re-checked against changed
    seeds is loaded again under a new load id), so it equals a full refresh. A change to
    this model's columns needs `--full-refresh` once (on_schema_change='fail' says so). -#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook=[
        "{% if is_incremental() %}delete from {{ this }} where not exists (select 1 from (select distinct _file, _load_id from {{ source('observations', 'observations') }}) as loads where loads._file = {{ this.identifier }}.source_file and loads._load_id = {{ this.identifier }}.load_id){% endif %}"
    ]
) }}

{%- set new_loads_sql -%}
    select distinct
        _file as source_file,
        _load_id as load_id
    from {{ source('observations', 'observations') }}
    except
    select distinct
        existing.source_file,
        existing.load_id
    from {{ this }} as existing
{%- endset %}

{#- The ids of the new loads, read before the model runs: as constants in its filter,
    DuckDB pushes them through the staging view into its scan of raw (a load's rows are
    appended together, so the other row groups are skipped). A semi-join on the loads
    alone would compute the staging columns of every row of raw before dropping them. -#}
{%- set new_load_ids = distinct_values('load_id', new_loads_sql) if is_incremental() else [] %}

with

{% if is_incremental() %}
    -- the loads in raw that this table does not have yet
    new_loads as (

        {{ new_loads_sql }}

    ),
{% endif %}

observations as (

    select * from {{ ref('stg_observations__long') }}
    {% if is_incremental() %}
        -- loads compared on two columns, not a concatenation: a plain semi-join, no
        -- string built per row of the table
        where
            load_id in ({{ new_load_ids | join(', ') if new_load_ids else 'null' }})
            and exists (
                select 1
                from new_loads
                where
                    new_loads.source_file = stg_observations__long.source_file
                    and new_loads.load_id = stg_observations__long.load_id
            )
    {% endif %}

),

final as (

    select
        {{ surrogate_key([
            "'observations'", 'source_file', 'place_code', 'indicator', 'sector', 'period', 'vintage'
        ]) }} as observation_id,
        place_code,
        indicator,
        sector,
        '' as subject,
        '' as growth_of,
        period,
        year,
        'actual' as kind,
        'eq' as qualifier,
        value,
        unit,
        value_as_written,
        unit_as_written,
        value_as_written as stated_number,
        unit_as_written as stated_unit,
        'observations' as source_type,
        source_file || ':' || source_line || ' ' || indicator as source_ref,
        source_file,
        source_line,
        source as source_field,
        cast(null as varchar) as document_id,
        cast(null as integer) as quote_start,
        cast(null as integer) as quote_end,
        cast(null as varchar) as quote,
        case when source like 'http%' then source end as source_url,
        {{ publication_date('published_date', 'period',
            "(select vintage_statuses.default_publication_rule from " ~ ref('vintage_statuses')
            ~ " as vintage_statuses where vintage_statuses.vintage_status = observations.vintage_status)") }}
            as published_date,
        {{ publication_date_basis('published_date') }} as published_date_basis,
        case when published_date is null then (
            select vintage_statuses.default_publication_rule
            from {{ ref('vintage_statuses') }} as vintage_statuses
            where vintage_statuses.vintage_status = observations.vintage_status
        ) end as published_date_rule,
        vintage,
        vintage_status,
        2 as reliability_rank,
        cast(null as varchar) as place_name_as_written,
        cast(null as varchar) as corrects_observation_id,
        load_id

    from observations

)

select * from final
