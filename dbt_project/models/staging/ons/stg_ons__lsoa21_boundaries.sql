with

source as (

    select * from {{ source('raw', 'ons__lsoa21_boundaries') }}

),

renamed as (

    select
        nullif(trim("LSOA21CD"), '') as lsoa21_code,
        nullif(trim("LSOA21NM"), '') as lsoa21_name,
        geometry_geojson
    from source

)

select * from renamed
