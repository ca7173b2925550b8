with

source as (

    select * from {{ source('raw', 'open_innovations__parl25_codes') }}

),

renamed as (

    select
        trim("UKPARL.2025") as parl25_code,
        trim("PCON24CD") as pcon24_code,
        trim("PCON24NM") as pcon24_name
    from source

)

select * from renamed
