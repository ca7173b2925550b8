with

source as (

    select * from {{ source('raw', 'ons__lad24_boundaries') }}

),

renamed as (

    select
        nullif(trim("LAD24CD"), '') as lad24_code,
        nullif(trim("LAD24NM"), '') as lad24_name,
        geometry_geojson
    from source

)

select * from renamed
