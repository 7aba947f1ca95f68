{%- set fields = ['Pi0101'] -%}

with

source as (

    select * from {{ source('yearbook', 'yearbook_province_cpi') }}

),

field_map as (

    select * from {{ ref('yearbook_fields') }}
    where source_table = 'province_cpi'

),

unpivoted as (

    {%- for field in fields %}
    select
        Sgnyea,
        Prvcnm_id as Ctnm_id,
        Prvcnm_en as place_name_as_written,
        cast(null as varchar) as city_type_as_written,
        Prvcnm_id,
        '{{ field }}' as field,
        {{ field }} as value_text,
        _file,
        _line,
        _load_id,
        _loaded_at
    from source
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

final as (

    select
        cast(trim(unpivoted.Sgnyea) as integer) as year,
        trim(unpivoted.Ctnm_id) as place_code,
        trim(unpivoted.Prvcnm_id) as province_code,
        unpivoted.place_name_as_written,
        unpivoted.city_type_as_written,
        unpivoted.field,
        field_map.indicator,
        coalesce(field_map.sector, '') as sector,
        coalesce(field_map.growth_of, '') as growth_of,
        trim(unpivoted.value_text) as value_as_written,
        field_map.unit as unit_as_written,
        {{ to_base_value(parse_number('unpivoted.value_text'), 'field_map.unit') }} as value,
        {{ base_unit('field_map.unit') }} as unit,
        unpivoted._file as source_file,
        unpivoted._line as source_line,
        unpivoted._load_id as load_id,
        unpivoted._loaded_at as loaded_at

    from unpivoted
    inner join field_map
        on unpivoted.field = field_map.field
    where nullif(trim(unpivoted.value_text), '') is not null

)

select * from final
