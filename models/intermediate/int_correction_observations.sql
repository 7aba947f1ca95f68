{#- A correction is data with its own provenance: each row of the corrections seed becomes
    a new observation that names the observation it corrects and keeps its evidence. -#}

with

corrections as (

    select * from {{ ref('corrections') }}

),

yearbook as (

    select * from {{ ref('int_yearbook_observations') }}

),

final as (

    select
        {{ surrogate_key(["'correction'", 'corrections.correction_id']) }} as observation_id,
        yearbook.place_code,
        yearbook.indicator,
        yearbook.sector,
        yearbook.subject,
        yearbook.growth_of,
        yearbook.period,
        yearbook.year,
        yearbook.kind,
        yearbook.qualifier,
        {{ to_base_value(parse_number('corrections.value_as_written'), 'corrections.corrected_unit') }}
            as value,
        {{ base_unit('corrections.corrected_unit') }} as unit,
        corrections.value_as_written,
        corrections.corrected_unit as unit_as_written,
        corrections.value_as_written as stated_number,
        corrections.corrected_unit as stated_unit,
        'correction' as source_type,
        'seeds/corrections.csv ' || corrections.correction_id || ' of ' || yearbook.source_ref
            as source_ref,
        'seeds/corrections.csv' as source_file,
        cast(null as integer) as source_line,
        corrections.correction_id as source_field,
        cast(null as varchar) as document_id,
        cast(null as integer) as quote_start,
        cast(null as integer) as quote_end,
        cast(null as varchar) as quote,
        cast(null as varchar) as source_url,
        -- A correction restores what the bureau published: it is known when the figure it
        -- corrects was, and is not a new vintage.
        yearbook.published_date,
        yearbook.published_date_basis,
        'as_corrected' as published_date_rule,
        'correction: ' || corrections.reason as vintage,
        'correction' as vintage_status,
        1 as reliability_rank,
        yearbook.place_name_as_written,
        yearbook.observation_id as corrects_observation_id,
        yearbook.load_id

    from corrections
    inner join yearbook
        on
            corrections.place_code = yearbook.place_code
            and corrections.period = yearbook.period
            and corrections.field = yearbook.source_field
            and corrections.value_as_written = yearbook.value_as_written

)

select * from final
