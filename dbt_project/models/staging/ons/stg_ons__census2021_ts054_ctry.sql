with

source as (

    select * from {{ source('raw', 'ons__census2021_ts054_ctry') }}

),

renamed as (

    select
        trim("geography code") as ctry_code,
        trim("geography") as ctry_name,
        {{ census2021_ts054_tenure_columns() }}
    from source

)

select * from renamed
