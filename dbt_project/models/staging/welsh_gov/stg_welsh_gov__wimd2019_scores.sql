with

source as (

    select * from {{ source('raw', 'welsh_gov__wimd2019_scores') }}

),

renamed as (

    select
        nullif(trim("lsoa"), '') as lsoa11_code,
        nullif(trim("LSOA Name"), '') as lsoa11_name,
        nullif(trim("Local Authority Name"), '') as lad19_name,
        cast("WIMD 2019" as double) as wimd2019_score,
        cast("Income" as double) as wimd2019_income_score,
        cast("Employment" as double) as wimd2019_employment_score,
        cast("Health" as double) as wimd2019_health_score,
        cast("Education" as double) as wimd2019_education_score,
        cast("Access to Services" as double) as wimd2019_access_to_services_score,
        cast("Housing" as double) as wimd2019_housing_score,
        cast("Community Safety" as double) as wimd2019_community_safety_score,
        cast("Physical Environment" as double) as wimd2019_physical_environment_score
    from source

)

select * from renamed
