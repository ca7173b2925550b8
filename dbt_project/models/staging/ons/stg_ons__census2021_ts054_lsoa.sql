with

source as (

    select * from {{ source('raw', 'ons__census2021_ts054_lsoa') }}

),

renamed as (

    select
        trim("geography code") as lsoa21_code,
        trim("geography") as lsoa21_name,
        {{ census2021_ts054_tenure_columns() }}
    from source

)

select * from renamed
