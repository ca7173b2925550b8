with

source as (

    select * from {{ source('raw', 'scot_gov__simd2020v2_ranks') }}

),

renamed as (

    select
        nullif(trim("Data_Zone"), '') as datazone11_code,
        nullif(trim("Intermediate_Zone"), '') as intermediate_zone11_name,
        nullif(trim("Council_area"), '') as council_area_name,
        cast("Total_population" as integer) as population_total_count,
        cast("Working_age_population" as integer) as population_working_age_count,
        cast("SIMD2020v2_Rank" as integer) as simd2020v2_rank,
        cast("SIMD2020v2_Income_Domain_Rank" as double) as simd2020v2_income_rank,
        cast("SIMD2020_Employment_Domain_Rank" as double) as simd2020_employment_rank,
        cast("SIMD2020_Health_Domain_Rank" as double) as simd2020_health_rank,
        cast("SIMD2020_Education_Domain_Rank" as double) as simd2020_education_rank,
        cast("SIMD2020_Access_Domain_Rank" as double) as simd2020_access_rank,
        cast("SIMD2020_Crime_Domain_Rank" as double) as simd2020_crime_rank,
        cast("SIMD2020_Housing_Domain_Rank" as double) as simd2020_housing_rank
    from source

)

select * from renamed
