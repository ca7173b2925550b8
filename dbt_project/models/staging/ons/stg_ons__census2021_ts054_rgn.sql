with

source as (

    select * from {{ source('raw', 'ons__census2021_ts054_rgn') }}

),

renamed as (

    select
        trim("geography code") as rgn_code,
        trim("geography") as rgn_name,
        {{ census2021_ts054_tenure_columns() }}
    from source

)

select * from renamed
