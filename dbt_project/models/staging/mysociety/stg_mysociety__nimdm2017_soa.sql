with

source as (

    select * from {{ source('raw', 'mysociety__nimdm2017_soa') }}

),

renamed as (

    select
        nullif(trim("SOA2001"), '') as soa01_code,
        nullif(trim("SOA2001name"), '') as soa01_name,
        nullif(trim("LGD2014code"), '') as lgd14_code,
        nullif(trim("LGD2014name"), '') as lgd14_name,
        nullif(trim("UR2015"), '') as urban_rural_2015_class,
        cast("MDM_rank" as integer) as nimdm2017_rank,
        cast("D1_Income_rank" as integer) as nimdm2017_income_rank,
        cast("D2_Empl_rank" as integer) as nimdm2017_employment_rank,
        cast("D3_Health_rank" as integer) as nimdm2017_health_rank,
        cast("P4_Education_rank" as integer) as nimdm2017_education_rank,
        cast("P5_Access_rank" as integer) as nimdm2017_access_rank,
        cast("D6_LivEnv_rank" as integer) as nimdm2017_living_environment_rank,
        cast("D7_CD_rank" as integer) as nimdm2017_crime_rank,
        cast("Income_perc" as double) as income_deprived_pct,
        cast("Empl_perc" as double) as employment_deprived_pct
    from source

)

select * from renamed
