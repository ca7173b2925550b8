with

source as (

    select * from {{ source('raw', 'mhclg__iod2019_file7') }}

),

renamed as (

    select
        nullif(trim("LSOA code (2011)"), '') as lsoa11_code,
        nullif(trim("Local Authority District code (2019)"), '') as lad19_code,
        cast("Index of Multiple Deprivation (IMD) Score" as double) as imd2019_score,
        cast("Income Score (rate)" as double) as income2019_rate,
        cast("Employment Score (rate)" as double) as employment2019_rate,
        cast("Education, Skills and Training Score" as double) as education2019_score,
        cast("Health Deprivation and Disability Score" as double) as health2019_score,
        cast("Crime Score" as double) as crime2019_score,
        cast("Barriers to Housing and Services Score" as double) as barriers2019_score,
        cast("Living Environment Score" as double) as living_environment2019_score,
        cast("Income Deprivation Affecting Children Index (IDACI) Score (rate)" as double) as idaci2019_rate,
        cast("Income Deprivation Affecting Older People (IDAOPI) Score (rate)" as double) as idaopi2019_rate
    from source

)

select * from renamed
