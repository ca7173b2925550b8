with

source as (

    select * from {{ source('raw', 'ons__postcode_directory') }}

),

renamed as (

    select
        {{ postcode('"pcds"') }} as postcode,
        nullif(trim("lsoa21"), '') as lsoa21_code,
        nullif(trim("oslaua"), '') as lad_code,
        "lat" as latitude,
        "long" as longitude
    from source
    -- Terminated postcodes are kept: old grants name them.

)

select * from renamed
