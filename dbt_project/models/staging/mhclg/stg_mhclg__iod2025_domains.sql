with

source as (

    select * from {{ source('raw', 'mhclg__iod2025_file2') }}

),

renamed as (

    select
        nullif(trim("LSOA code (2021)"), '') as lsoa21_code,
        cast("Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)" as integer) as imd2025_rank,
        cast("Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)" as integer) as imd2025_decile,
        cast("Income Rank (where 1 is most deprived)" as integer) as income2025_rank,
        cast("Income Decile (where 1 is most deprived 10% of LSOAs)" as integer) as income2025_decile,
        cast("Employment Rank (where 1 is most deprived)" as integer) as employment2025_rank,
        cast("Employment Decile (where 1 is most deprived 10% of LSOAs)" as integer) as employment2025_decile,
        cast("Education, Skills and Training Rank (where 1 is most deprived)" as integer) as education2025_rank,
        cast("Education, Skills and Training Decile (where 1 is most deprived 10% of LSOAs)" as integer) as education2025_decile,
        cast("Health Deprivation and Disability Rank (where 1 is most deprived)" as integer) as health2025_rank,
        cast("Health Deprivation and Disability Decile (where 1 is most deprived 10% of LSOAs)" as integer) as health2025_decile,
        cast("Crime Rank (where 1 is most deprived)" as integer) as crime2025_rank,
        cast("Crime Decile (where 1 is most deprived 10% of LSOAs)" as integer) as crime2025_decile,
        cast("Barriers to Housing and Services Rank (where 1 is most deprived)" as integer) as barriers2025_rank,
        cast("Barriers to Housing and Services Decile (where 1 is most deprived 10% of LSOAs)" as integer) as barriers2025_decile,
        cast("Living Environment Rank (where 1 is most deprived)" as integer) as living_environment2025_rank,
        cast("Living Environment Decile (where 1 is most deprived 10% of LSOAs)" as integer) as living_environment2025_decile
    from source

)

select * from renamed
