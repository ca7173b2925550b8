with

source as (

    select * from {{ source('raw', 'ons__ruc21_lsoa21') }}

),

renamed as (

    select
        nullif(trim("LSOA21CD"), '') as lsoa21_code,
        nullif(trim("RUC21CD"), '') as ruc21_code,
        nullif(trim("RUC21NM"), '') as ruc21_name,
        nullif(trim("Urban_rural_flag"), '') = 'Rural' as is_rural
    from source

)

select * from renamed
