{#- Every English LSOA (2011) is counted once at each summary level, and its population with it:
    the districts' and the upper tiers' LSOA counts and populations sum to File 6's totals. -#}
with

lsoas as (

    select count(*) as lsoa_count, sum(population_total_count) as population
    from {{ ref('stg_mhclg__iod2019_population') }}

),

levels as (

    select 'lad19' as level, sum(lsoa_count) as lsoa_count, sum(population) as population
    from {{ ref('lad19_iod2019_summaries') }}
    union all
    select 'utla' as level, sum(lsoa_count) as lsoa_count, sum(population) as population
    from {{ ref('utla_iod2019_summaries') }}

)

select levels.*
from levels
cross join lsoas
where levels.lsoa_count <> lsoas.lsoa_count or levels.population <> lsoas.population
