with

source as (

    select * from {{ source('raw', 'mhclg__iod2019_file1') }}

),

renamed as (

    select
        nullif(trim("LSOA code (2011)"), '') as lsoa11_code,
        nullif(trim("LSOA name (2011)"), '') as lsoa11_name,
        nullif(trim("Local Authority District code (2019)"), '') as lad19_code,
        nullif(trim("Local Authority District name (2019)"), '') as lad19_name,
        cast("Index of Multiple Deprivation (IMD) Rank" as integer) as imd2019_rank,
        cast("Index of Multiple Deprivation (IMD) Decile" as integer) as imd2019_decile
    from source

)

select * from renamed
