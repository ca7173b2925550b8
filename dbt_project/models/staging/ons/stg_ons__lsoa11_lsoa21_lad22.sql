with

source as (

    select * from {{ source('raw', 'ons__lsoa11_lsoa21_lad22') }}

),

renamed as (

    select
        nullif(trim("LSOA11CD"), '') as lsoa11_code,
        nullif(trim("LSOA11NM"), '') as lsoa11_name,
        nullif(trim("LSOA21CD"), '') as lsoa21_code,
        nullif(trim("LSOA21NM"), '') as lsoa21_name,
        nullif(trim("CHGIND"), '') as change_indicator,
        nullif(trim("LAD22CD"), '') as lad22_code,
        nullif(trim("LAD22NM"), '') as lad22_name,
        nullif(trim("LAD22NMW"), '') as lad22_name_welsh
    from source

)

select * from renamed
