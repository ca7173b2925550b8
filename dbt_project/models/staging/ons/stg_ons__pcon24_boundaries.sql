with

source as (

    select * from {{ source('raw', 'ons__pcon24_boundaries') }}

),

renamed as (

    select
        nullif(trim("PCON24CD"), '') as pcon24_code,
        nullif(trim("PCON24NM"), '') as pcon24_name,
        -- Blank outside Wales.
        nullif(trim("PCON24NMW"), '') as pcon24_name_welsh,
        geometry_geojson
    from source

)

select * from renamed
