with

source as (

    select * from {{ source('raw', 'mhclg__iod2025_file6') }}

),

renamed as (

    select
        nullif(trim("LSOA code (2021)"), '') as lsoa21_code,
        cast("Total population: mid 2022" as integer) as population_total_count,
        cast("Dependent Children aged 0-15: mid 2022" as integer) as population_aged_0_15_count,
        cast("Population aged 16-59: mid 2022" as integer) as population_aged_16_59_count,
        cast("Older population aged 60 and over: mid 2022" as integer) as population_aged_60_plus_count,
        cast("Working age population 18-66 (for use with Employment Deprivation Domain): mid 2022" as double) as population_working_age_count
    from source

)

select * from renamed
