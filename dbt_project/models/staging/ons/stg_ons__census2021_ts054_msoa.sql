with

source as (

    select * from {{ source('raw', 'ons__census2021_ts054_msoa') }}

),

renamed as (

    select
        trim("geography code") as msoa21_code,
        trim("geography") as msoa21_name,
        {{ census2021_ts054_tenure_columns() }}
    from source

)

select * from renamed
