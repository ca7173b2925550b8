with

source as (

    select * from {{ source('raw', 'ons__census2021_ts038_lsoa') }}

),

renamed as (

    select
        trim("geography code") as lsoa21_code,
        "Disability: Total: All usual residents" as usual_residents,
        "Disability: Disabled under the Equality Act" as disabled_residents,
        "Disability: Not disabled under the Equality Act" as not_disabled_residents
    from source

)

select * from renamed
