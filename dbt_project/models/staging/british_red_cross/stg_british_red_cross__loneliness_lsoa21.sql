with

source as (

    select * from {{ source('raw', 'british_red_cross__loneliness_lsoa21') }}

),

renamed as (

    select
        trim("lsoa21_code") as lsoa21_code,
        "perc" as lonely_at_least_some_of_the_time_pct,
        "deciles" as loneliness_decile
    from source

)

select * from renamed
