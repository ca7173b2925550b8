with

source as (

    select * from {{ source('raw', 'ons__lsoa21_ward23_lad23') }}

),

renamed as (

    select
        nullif(trim("LSOA21CD"), '') as lsoa21_code,
        nullif(trim("LSOA21NM"), '') as lsoa21_name,
        nullif(trim("LSOA21NMW"), '') as lsoa21_name_welsh,
        nullif(trim("WD23CD"), '') as ward23_code,
        nullif(trim("WD23NM"), '') as ward23_name,
        nullif(trim("LAD23CD"), '') as lad23_code,
        nullif(trim("LAD23NM"), '') as lad23_name
    from source

)

select * from renamed
