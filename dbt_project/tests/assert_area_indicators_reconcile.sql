{#- Every LSOA 2021 is counted once at every rollup level, with its residents and households: each
    level's LSOA counts, usual residents and households sum to the LSOA totals (so England's LSOA
    counts per district sum to 33,755 and England and Wales's to 35,672). -#}
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

)

select levels.*
from levels
cross join lsoas
where levels.lsoa_count <> lsoas.lsoa_count
    or levels.usual_residents <> lsoas.usual_residents
    or levels.households <> lsoas.households
