with

source as (

    select * from {{ source('raw', 'trafforddatalab__gm_libraries') }}

),

renamed as (

    select
        trim("name") as library_name,
        {{ postcode('"postcode"') }} as postcode,
        trim("area_code") as lad_code,
        "lat" as latitude,
        "lon" as longitude
    from source

)

select * from renamed
