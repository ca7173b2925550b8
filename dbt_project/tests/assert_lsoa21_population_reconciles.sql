-- Converting to LSOA 2021 moves people between areas but neither creates nor loses any: the
-- mid-2015 population summed over English LSOA 2021 equals the File 6 total.
with

lsoa21 as (

    select sum(population_total_count) as total from {{ ref('fct_lsoa21_deprivation') }}

),

lsoa11 as (

    select sum(population_total_count) as total from {{ ref('fct_lsoa11_deprivation') }}

)

select lsoa21.total as lsoa21_total, lsoa11.total as lsoa11_total
from lsoa21, lsoa11
where abs(lsoa21.total - lsoa11.total) > 0.5
