with

source as (

    select * from {{ source('raw', 'ons__census2021_ts030_lsoa') }}

),

renamed as (

    select
        trim("geography code") as lsoa21_code,
        "Religion: Total: All usual residents" as usual_residents,
        "Religion: No religion" as no_religion_residents,
        "Religion: Christian" as christian_residents,
        "Religion: Buddhist" as buddhist_residents,
        "Religion: Hindu" as hindu_residents,
        "Religion: Jewish" as jewish_residents,
        "Religion: Muslim" as muslim_residents,
        "Religion: Sikh" as sikh_residents,
        "Religion: Other religion" as other_religion_residents,
        "Religion: Not answered" as religion_not_answered_residents
    from source

)

select * from renamed
