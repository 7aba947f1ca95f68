{{ stg_yearbook_unpivot(
    source('yearbook', 'yearbook_city_gdp'), 'city_gdp',
    ['Gdpct01', 'Gdpct02', 'Gdpct03', 'Gdpct04', 'GDP_PerCapita', 'GDPYoY',
     'GDP_PrimInd', 'GDP_SecInd', 'GDP_TerInd']
) }}
