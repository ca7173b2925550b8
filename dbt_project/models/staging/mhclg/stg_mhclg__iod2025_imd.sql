with

source as (

    select * from {{ source('raw', 'mhclg__iod2025_file1') }}

),

renamed as (

    select
        nullif(trim("LSOA code (2021)"), '') as lsoa21_code,
        nullif(trim("LSOA name (2021)"), '') as lsoa21_name,
        nullif(trim("Local Authority District code (2024)"), '') as lad24_code,
        nullif(trim("Local Authority District name (2024)"), '') as lad24_name,
        cast("Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)" as integer) as imd2025_rank,
        cast("Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOA" as integer) as imd2025_decile
    from source

)

select * from renamed
