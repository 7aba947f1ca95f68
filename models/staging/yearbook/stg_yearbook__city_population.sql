{{ stg_yearbook_unpivot(
    source('yearbook', 'yearbook_city_population_employment'), 'city_population_employment',
    ['Eect01']
) }}
