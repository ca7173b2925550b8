with

source as (

    select * from {{ source('raw', 'openstreetmap__places_to_meet') }}

),

renamed as (

    select
        -- The extract carries no OSM ids: a place is its position in the file.
        _row_number as place_feature_number,
        nullif(trim("name"), '') as place_name,
        trim("kind") as place_kind,
        "longitude" as longitude,
        "latitude" as latitude
    from source

)

select * from renamed
