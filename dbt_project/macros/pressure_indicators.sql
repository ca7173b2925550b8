{#- The indicators of the five pressures on community power (Local Trust / IVAR, "Empowered
    Communities in the 2020s"): poverty, transience, fragmentation, isolation and democracy. One
    entry per indicator: its pressure, its name, the model and column it is read from, the SQL
    giving each value's status (observed, from_msoa, from_la, from_constituency, modelled or
    missing), `direction` ('higher' when a higher value means more pressure) and, where the
    value is not a number, its `data_type` (scored as 1 for true). The composite
    (fct_lsoa21_pressures) reads these and nothing else, so a measure that is not listed here
    cannot move a neighbourhood's rank. The ethnic and religious diversity indices are
    deliberately absent and must stay so: no neighbourhood may rank as more pressured because
    more of its residents belong to a minority group (a dbt test and a pytest hold this).
    marts.pressure_indicators publishes this list. -#}
{% macro pressure_indicators() %}
    {{ return([
        {
            'pressure': 'poverty', 'indicator': 'imd2025_rank',
            'model': 'fct_lsoa21_deprivation', 'column': 'imd2025_rank',
            'status': "case when imd2025_rank is not null then 'observed' else 'missing' end",
            'direction': 'lower', 'unit': 'rank of 33,755 (1 = most deprived)',
            'description': 'Index of Multiple Deprivation 2025 rank (MHCLG), England.',
        },
        {
            'pressure': 'poverty', 'indicator': 'households_deprived_2plus_dimensions_pct',
            'model': 'int_lsoa21_census_pressure_indicators',
            'column': 'households_deprived_2plus_dimensions_pct',
            'status': 'households_deprived_2plus_dimensions_status',
            'direction': 'higher', 'unit': '% of households',
            'description': 'Households deprived in two or more of the four Census dimensions'
                ~ ' (employment, education, health and disability, housing; Census 2021 TS011).',
        },
        {
            'pressure': 'transience', 'indicator': 'private_rented_pct',
            'model': 'fct_lsoa21_transience', 'column': 'private_rented_pct',
            'status': "case when private_rented_pct is not null then 'observed' else 'missing' end",
            'direction': 'higher', 'unit': '% of households',
            'description': 'Households renting privately (Census 2021 TS054).',
        },
        {
            'pressure': 'transience', 'indicator': 'moved_in_last_year_per_1k',
            'model': 'fct_lsoa21_transience', 'column': 'moved_in_last_year_per_1k',
            'status': "case when moved_in_last_year_per_1k is not null then 'observed'"
                ~ " else 'missing' end",
            'direction': 'higher', 'unit': 'per 1,000 residents aged 1+',
            'description': 'Residents who lived at another address a year before the Census,'
                ~ ' in the UK or abroad, students apart (Census 2021 TS019).',
        },
        {
            'pressure': 'fragmentation', 'indicator': 'ethnic_segregation_h',
            'model': 'int_lsoa21_district_pressure_indicators', 'column': 'ethnic_segregation_h',
            'status': 'ethnic_segregation_status',
            'direction': 'higher', 'unit': 'index 0-1 (district)',
            'description': "How separately the district's five broad ethnic groups live across"
                ~ " its neighbourhoods: Theil's information-theory index H (Census 2021 TS021)."
                ~ ' Separation, not diversity: a district of many groups living side by side'
                ~ ' scores 0.',
        },
        {
            'pressure': 'fragmentation', 'indicator': 'religious_segregation_h',
            'model': 'int_lsoa21_district_pressure_indicators', 'column': 'religious_segregation_h',
            'status': 'religious_segregation_status',
            'direction': 'higher', 'unit': 'index 0-1 (district)',
            'description': "How separately the district's religions live across its"
                ~ " neighbourhoods: Theil's H (Census 2021 TS030).",
        },
        {
            'pressure': 'fragmentation', 'indicator': 'cannot_speak_english_well_pct',
            'model': 'int_lsoa21_census_pressure_indicators',
            'column': 'cannot_speak_english_well_pct',
            'status': 'cannot_speak_english_well_status',
            'direction': 'higher', 'unit': '% of residents aged 3+ (MSOA)',
            'description': 'Residents who cannot speak English well or at all (Census 2021'
                ~ ' TS029, MSOA): a barrier to taking part in shared local life, which'
                ~ ' language classes and interpreting can lower.',
        },
        {
            'pressure': 'isolation', 'indicator': 'lonely_at_least_some_of_the_time_pct',
            'model': 'int_lsoa21_isolation_indicators',
            'column': 'lonely_at_least_some_of_the_time_pct',
            'status': 'lonely_at_least_some_of_the_time_pct_status',
            'direction': 'higher', 'unit': '% of adults (modelled)',
            'description': 'Adults lonely at least some of the time, modelled per neighbourhood'
                ~ ' by the British Red Cross from the Community Life Survey (England).',
        },
        {
            'pressure': 'isolation', 'indicator': 'disabled_residents_pct',
            'model': 'int_lsoa21_census_pressure_indicators', 'column': 'disabled_residents_pct',
            'status': 'disabled_residents_status',
            'direction': 'higher', 'unit': '% of residents',
            'description': 'Residents disabled under the Equality Act (Census 2021 TS038): a'
                ~ ' measure of how many meet barriers of access to shared places, not of the'
                ~ ' residents themselves.',
        },
        {
            'pressure': 'isolation', 'indicator': 'is_rural',
            'model': 'dim_lsoa21', 'column': 'is_rural',
            'status': "case when is_rural is not null then 'observed' else 'missing' end",
            'direction': 'higher', 'unit': 'true rural, false urban', 'data_type': 'boolean',
            'description': 'Rural in the 2021 rural-urban classification (ONS).',
        },
        {
            'pressure': 'isolation', 'indicator': 'places_to_meet_within_reach_per_1k',
            'model': 'int_lsoa21_isolation_indicators',
            'column': 'places_to_meet_within_reach_per_1k',
            'status': 'places_to_meet_within_reach_per_1k_status',
            'direction': 'lower', 'unit': 'per 1,000 residents',
            'description': 'Community centres, village halls, social centres (OpenStreetMap)'
                ~ ' and libraries open in 2023 within reach of the neighbourhood.',
        },
        {
            'pressure': 'isolation', 'indicator': 'nearest_place_to_meet_km',
            'model': 'int_lsoa21_isolation_indicators', 'column': 'nearest_place_to_meet_km',
            'status': 'nearest_place_to_meet_km_status',
            'direction': 'higher', 'unit': 'km',
            'description': 'Distance to the nearest of those places.',
        },
        {
            'pressure': 'isolation', 'indicator': 'libraries_closed_2016_2023_pct',
            'model': 'int_lsoa21_district_pressure_indicators',
            'column': 'libraries_closed_2016_2023_pct',
            'status': 'libraries_closed_2016_2023_status',
            'direction': 'higher', 'unit': '% of the library authority\'s 2016 libraries',
            'description': 'Static libraries open in 2016 and closed by 2023, in the library'
                ~ ' authority (Arts Council England basic dataset).',
        },
        {
            'pressure': 'isolation', 'indicator': 'pubs_change_2001_2018_pct',
            'model': 'int_lsoa21_district_pressure_indicators',
            'column': 'pubs_change_2001_2018_pct',
            'status': 'pubs_change_2001_2018_status',
            'direction': 'lower', 'unit': '% change (district)',
            'description': "Change in the district's pubs and bars, 2001 to 2018 (ONS).",
        },
        {
            'pressure': 'isolation', 'indicator': 'private_outdoor_space_pct',
            'model': 'int_lsoa21_isolation_indicators', 'column': 'private_outdoor_space_pct',
            'status': 'private_outdoor_space_pct_status',
            'direction': 'lower', 'unit': '% of addresses (MSOA)',
            'description': 'Addresses with private outdoor space (ONS access to garden space).',
        },
        {
            'pressure': 'democracy', 'indicator': 'turnout_2024_pct',
            'model': 'int_lsoa21_turnout', 'column': 'turnout_2024_pct',
            'status': 'turnout_status',
            'direction': 'lower', 'unit': '% of the electorate',
            'description': 'General election 2024 turnout, (valid + invalid votes) / electorate,'
                ~ ' carried from constituencies by population overlap (House of Commons'
                ~ ' Library, mySociety).',
        },
        {
            'pressure': 'democracy', 'indicator': 'turnout_change_pp',
            'model': 'int_lsoa21_turnout', 'column': 'turnout_change_pp',
            'status': 'turnout_status',
            'direction': 'lower', 'unit': 'percentage points',
            'description': 'Change in turnout from 2019 (notional, on 2024 boundaries) to 2024.',
        },
    ]) }}
{% endmacro %}
