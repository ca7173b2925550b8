with

source as (

    select * from {{ source('raw', 'mhclg__iod2025_file5') }}

),

renamed as (

    select
        nullif(trim("LSOA code (2021)"), '') as lsoa21_code,
        cast("Index of Multiple Deprivation (IMD) Score" as double) as imd2025_score,
        cast("Income Score (rate)" as double) as income2025_rate,
        cast("Employment Score (rate)" as double) as employment2025_rate,
        cast("Education, Skills and Training Score" as double) as education2025_score,
        cast("Health Deprivation and Disability Score" as double) as health2025_score,
        cast("Crime Score" as double) as crime2025_score,
        cast("Barriers to Housing and Services Score" as double) as barriers2025_score,
        cast("Living Environment Score" as double) as living_environment2025_score,
        cast("Income Deprivation Affecting Children Index (IDACI) Score (rate)" as double) as idaci2025_rate,
        cast("Income Deprivation Affecting Older People (IDAOPI) Score (rate)" as double) as idaopi2025_rate
    from source

)

select * from renamed
