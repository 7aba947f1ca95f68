-- noqa: disable=LT02
-- (jinja loops inside a macro body: sqlfluff cannot place their indentation)
{#- One staging model per yearbook table, all of the same shape: the wide export is
    unpivoted to one row per place, year and field; the field's indicator, sector and unit
    come from the yearbook_fields seed, and values go to base units through to_base_value. -#}
{% macro stg_yearbook_unpivot(source_relation, source_table, fields, place_column='Ctnm_id',
                              name_column='Ctnm_en', type_column='Cttyp_en') %}

with

source as (

    select * from {{ source_relation }}

),

field_map as (

    select * from {{ ref('yearbook_fields') }}
    where source_table = '{{ source_table }}'

),

unpivoted as (

    {%- for field in fields %}
        select
            Sgnyea,
            {{ place_column }} as place_code_text,
            {{ name_column }} as place_name_as_written,
            {{ type_column or 'cast(null as ' ~ string_type() ~ ')' }} as city_type_as_written,
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
        trim(unpivoted.place_code_text) as place_code,
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

{% endmacro %}

{#- The value of one series in a group-by over observations (one place and period):
    max(case when indicator = … and unit = … and sector = … then value end). -#}
{% macro series_value(indicator, unit, sector='', growth_of=none) -%}
    max(
        case
            when
                indicator = '{{ indicator }}' and unit = '{{ unit }}' and sector = '{{ sector }}'
                {%- if growth_of is not none %} and growth_of = '{{ growth_of }}'{% endif %}
                then value
        end
    )
{%- endmacro %}
