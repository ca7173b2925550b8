with

source as (

    select * from {{ source('raw', 'ons__ward19_lad19') }}

),

renamed as (

    select
        nullif(trim("WD19CD"), '') as ward19_code,
        nullif(trim("WD19NM"), '') as ward19_name,
        nullif(trim("LAD19CD"), '') as lad19_code,
        nullif(trim("LAD19NM"), '') as lad19_name
    from source

)

select * from renamed
