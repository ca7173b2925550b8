{#- Every LSOA 2021 is counted once at every rollup level, with its residents and households: each
    level's LSOA counts, usual residents and households sum to the LSOA totals (so England's LSOA
    counts per district sum to 33,755 and England and Wales's to 35,672). The current wards (2024)
    also reconcile within each country: England's wards (E05) sum to England's row of
    country_indicators, Wales's (W05) to Wales's. -#}
with

lsoas as (

    select count(*) as lsoa_count, sum(usual_residents) as usual_residents,
        sum(households) as households
    from {{ ref('int_lsoa21_indicators') }}

),

levels as (

    select 'ward19' as level, sum(lsoa_count) as lsoa_count,
        sum(usual_residents) as usual_residents, sum(households) as households
    from {{ ref('ward19_indicators') }}
    union all
    select 'ward24' as level, sum(lsoa_count) as lsoa_count,
        sum(usual_residents) as usual_residents, sum(households) as households
    from {{ ref('ward24_indicators') }}
    {%- for vintage in ['2019', '2023', 'current'] %}
    union all
    select
        'lad {{ vintage }}' as level,
        sum(lsoa_count) as lsoa_count,
        sum(usual_residents) as usual_residents,
        sum(households) as households
    from {{ ref('lad_indicators') }} where lad_vintage = '{{ vintage }}'
    {%- endfor %}
    {%- for model in ['utla_indicators', 'region_indicators', 'country_indicators'] %}
    union all
    select
        '{{ model }}' as level,
        sum(lsoa_count) as lsoa_count,
        sum(usual_residents) as usual_residents,
        sum(households) as households
    from {{ ref(model) }}
    {%- endfor %}

),

ward24_by_country as (

    select
        left(ward24_code, 1) as country_letter,
        sum(lsoa_count) as lsoa_count,
        sum(usual_residents) as usual_residents,
        sum(households) as households
    from {{ ref('ward24_indicators') }}
    group by left(ward24_code, 1)

),

countries as (

    select left(ctry_code, 1) as country_letter, lsoa_count, usual_residents, households
    from {{ ref('country_indicators') }}

),

failures as (

    select levels.*
    from levels
    cross join lsoas
    where levels.lsoa_count <> lsoas.lsoa_count
        or levels.usual_residents <> lsoas.usual_residents
        or levels.households <> lsoas.households
    union all
    select
        'ward24 in ' || coalesce(countries.country_letter, ward24_by_country.country_letter)
            as level,
        ward24_by_country.lsoa_count,
        ward24_by_country.usual_residents,
        ward24_by_country.households
    from ward24_by_country
    full outer join countries on ward24_by_country.country_letter = countries.country_letter
    where ward24_by_country.lsoa_count is distinct from countries.lsoa_count
        or ward24_by_country.usual_residents is distinct from countries.usual_residents
        or ward24_by_country.households is distinct from countries.households

)

select * from failures
