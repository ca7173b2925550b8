with

source as (

    select * from {{ source('raw', 'nisra__nimdm2017_soa') }}

),

renamed as (

    select
        nullif(trim("SOA2001"), '') as soa01_code,
        nullif(trim("SOA2001_name"), '') as soa01_name,
        nullif(trim("LGD2014NAME"), '') as lgd14_name,
        nullif(trim("2015 Default Urban/Rural"), '') as urban_rural_2015_class,
        cast("Multiple Deprivation Measure Rank (where 1 is most deprived)" as integer)
            as nimdm2017_rank,
        cast("Income Domain Rank (where 1 is most deprived)" as integer) as nimdm2017_income_rank,
        cast("Employment Domain Rank (where 1 is most deprived)" as integer)
            as nimdm2017_employment_rank,
        cast("Health Deprivation and Disability Domain Rank (where 1 is most deprived)" as integer)
            as nimdm2017_health_rank,
        cast("Education, Skills and Training Domain Rank (where 1 is most deprived)" as integer)
            as nimdm2017_education_rank,
        cast("Access to Services Domain Rank (where 1 is most deprived)" as integer)
            as nimdm2017_access_rank,
        cast("Living Environment Domain Rank (where 1 is most deprived)" as integer)
            as nimdm2017_living_environment_rank,
        cast("Crime and Disorder Domain Rank (where 1 is most deprived)" as integer)
            as nimdm2017_crime_rank
    from source

)

select * from renamed
