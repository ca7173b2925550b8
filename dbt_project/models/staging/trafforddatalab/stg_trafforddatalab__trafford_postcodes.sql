with

source as (

    select * from {{ source('raw', 'trafforddatalab__trafford_postcodes') }}

),

renamed as (

    select
        {{ postcode('"postcode"') }} as postcode,
        nullif(trim("lsoa_code"), '') as lsoa21_code,
        nullif(trim("la_code"), '') as lad_code,
        "lat" as latitude,
        "lon" as longitude
    from source

)

select * from renamed
