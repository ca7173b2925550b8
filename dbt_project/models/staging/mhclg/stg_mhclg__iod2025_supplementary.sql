with

source as (

    select * from {{ source('raw', 'mhclg__iod2025_file3') }}

),

renamed as (

    select
        nullif(trim("LSOA code (2021)"), '') as lsoa21_code,
        cast("Income Deprivation Affecting Children Index (IDACI) Rank (where 1 is most deprived)" as integer) as idaci2025_rank,
        cast("Income Deprivation Affecting Children Index (IDACI) Decile (where 1 is most deprived 10% of LSOAs)" as integer) as idaci2025_decile,
        cast("Income Deprivation Affecting Older People (IDAOPI) Rank (where 1 is most deprived)" as integer) as idaopi2025_rank,
        cast("Income Deprivation Affecting Older People (IDAOPI) Decile (where 1 is most deprived 10% of LSOAs)" as integer) as idaopi2025_decile
    from source

)

select * from renamed
