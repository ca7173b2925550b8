with

source as (

    select * from {{ source('raw', 'ons__census2021_ts054_ltla') }}

),

renamed as (

    select
        trim("geography code") as ltla21_code,
        trim("geography") as ltla21_name,
        {{ census2021_ts054_tenure_columns() }}
    from source

)

select * from renamed
