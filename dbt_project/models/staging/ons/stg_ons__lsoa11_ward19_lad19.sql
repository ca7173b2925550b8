with

source as (

    select * from {{ source('raw', 'ons__lsoa11_ward19_lad19') }}

),

renamed as (

    select
        nullif(trim("LSOA11CD"), '') as lsoa11_code,
        nullif(trim("LSOA11NM"), '') as lsoa11_name,
        nullif(trim("WD19CD"), '') as ward19_code,
        nullif(trim("WD19NM"), '') as ward19_name,
        nullif(trim("LAD19CD"), '') as lad19_code,
        nullif(trim("LAD19NM"), '') as lad19_name
    from source

)

select * from renamed
