-- The IMD 2019 rank is published four times (Files 1, 2 and 3 and the ONS lookup); all must agree
-- for every LSOA, or one of the files is not what its name says.
with

file1 as (

    select lsoa11_code, imd2019_rank from {{ ref('stg_mhclg__iod2019_imd') }}

),

file2 as (

    select lsoa11_code, imd2019_rank from {{ ref('stg_mhclg__iod2019_domains') }}

),

file3 as (

    select
        "LSOA code (2011)" as lsoa11_code,
        "Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)" as imd2019_rank
    from {{ source('raw', 'mhclg__iod2019_file3') }}

),

ons as (

    select lsoa11_code, imd2019_rank from {{ ref('stg_ons__imd2019_lookup') }}

)

select
    file1.lsoa11_code,
    file1.imd2019_rank as file1_rank,
    file2.imd2019_rank as file2_rank,
    file3.imd2019_rank as file3_rank,
    ons.imd2019_rank as ons_lookup_rank
from file1
full outer join file2 on file1.lsoa11_code = file2.lsoa11_code
full outer join file3 on file1.lsoa11_code = file3.lsoa11_code
full outer join ons on file1.lsoa11_code = ons.lsoa11_code
where file1.imd2019_rank is distinct from file2.imd2019_rank
   or file1.imd2019_rank is distinct from file3.imd2019_rank
   or file1.imd2019_rank is distinct from ons.imd2019_rank
