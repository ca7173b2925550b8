with

source as (

    select * from {{ source('raw', 'mhclg__iod2019_file2') }}

),

renamed as (

    select
        nullif(trim("LSOA code (2011)"), '') as lsoa11_code,
        cast("Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)" as integer) as imd2019_rank,
        cast("Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)" as integer) as imd2019_decile,
        cast("Income Rank (where 1 is most deprived)" as integer) as income2019_rank,
        cast("Income Decile (where 1 is most deprived 10% of LSOAs)" as integer) as income2019_decile,
        cast("Employment Rank (where 1 is most deprived)" as integer) as employment2019_rank,
        cast("Employment Decile (where 1 is most deprived 10% of LSOAs)" as integer) as employment2019_decile,
        cast("Education, Skills and Training Rank (where 1 is most deprived)" as integer) as education2019_rank,
        cast("Education, Skills and Training Decile (where 1 is most deprived 10% of LSOAs)" as integer) as education2019_decile,
        cast("Health Deprivation and Disability Rank (where 1 is most deprived)" as integer) as health2019_rank,
        cast("Health Deprivation and Disability Decile (where 1 is most deprived 10% of LSOAs)" as integer) as health2019_decile,
        cast("Crime Rank (where 1 is most deprived)" as integer) as crime2019_rank,
        cast("Crime Decile (where 1 is most deprived 10% of LSOAs)" as integer) as crime2019_decile,
        cast("Barriers to Housing and Services Rank (where 1 is most deprived)" as integer) as barriers2019_rank,
        cast("Barriers to Housing and Services Decile (where 1 is most deprived 10% of LSOAs)" as integer) as barriers2019_decile,
        cast("Living Environment Rank (where 1 is most deprived)" as integer) as living_environment2019_rank,
        cast("Living Environment Decile (where 1 is most deprived 10% of LSOAs)" as integer) as living_environment2019_decile
    from source

)

select * from renamed
