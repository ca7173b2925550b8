with

source as (

    select * from {{ source('raw', 'dcms__libraries_2016_geocoded') }}

),

renamed as (

    select
        "id" as library_id,
        trim("name") as library_name,
        upper(trim("postcode")) as postcode_as_published,
        "lat" as latitude,
        "lng" as longitude,
        trim("type") as library_type,
        -- XL closed, XLR closed and replaced, XLT closed and transferred to a community group.
        nullif(trim("closed"), '') as closed_code,
        nullif(trim("closed"), '') is null as is_open_2016
    from source

)

select * from renamed
