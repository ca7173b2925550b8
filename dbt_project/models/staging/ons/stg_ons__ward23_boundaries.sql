with

source as (

    select * from {{ source('raw', 'ons__ward23_boundaries') }}

),

renamed as (

    select
        nullif(trim("WD23CD"), '') as ward23_code,
        nullif(trim("WD23NM"), '') as ward23_name,
        -- Blank (a single space in the R data form) outside Wales.
        nullif(trim("WD23NMW"), '') as ward23_name_welsh,
        geometry_geojson
    from source

)

select * from renamed
