{{ stg_yearbook_unpivot(
    source('yearbook', 'yearbook_province_cpi'), 'province_cpi', ['Pi0101'],
    place_column='Prvcnm_id', name_column='Prvcnm_en', type_column=none
) }}
