with

source as (

    select * from {{ source('raw', 'drkane__lsoa_latlong') }}

),

renamed as (

    select
        trim("LSOACD") as area_code,
        "latitude" as latitude,
        "longitude" as longitude
    from source

)

select * from renamed
