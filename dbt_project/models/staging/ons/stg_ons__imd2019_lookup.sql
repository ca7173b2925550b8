with

source as (

    select * from {{ source('raw', 'ons__imd2019_lookup') }}

),

renamed as (

    select
        nullif(trim("LSOA11CD"), '') as lsoa11_code,
        nullif(trim("LSOA11NM"), '') as lsoa11_name,
        nullif(trim("LAD19CD"), '') as lad19_code,
        nullif(trim("LAD19NM"), '') as lad19_name,
        cast("IMD19" as integer) as imd2019_rank
    from source

)

select * from renamed
