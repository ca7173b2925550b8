with

source as (

    select * from {{ source('raw', 'ons__lsoa21_ward24_lad24') }}

),

renamed as (

    select
        nullif(trim("LSOA21CD"), '') as lsoa21_code,
        nullif(trim("LSOA21NM"), '') as lsoa21_name,
        nullif(trim("WD24CD"), '') as ward24_code,
        nullif(trim("WD24NM"), '') as ward24_name,
        nullif(trim("LAD24CD"), '') as lad24_code,
        nullif(trim("LAD24NM"), '') as lad24_name
    from source

)

select * from renamed
