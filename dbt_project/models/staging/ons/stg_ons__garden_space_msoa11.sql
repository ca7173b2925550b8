with

source as (

    select * from {{ source('raw', 'ons__garden_space_msoa11') }}

),

renamed as (

    select
        trim("MSOA code") as msoa11_code,
        trim("MSOA name") as msoa11_name,
        "Address count" as address_count,
        "Adress with private outdoor space count" as private_outdoor_space_address_count,
        "Private outdoor space total area (m2)" as private_outdoor_space_area_m2,
        -- Published as a share 0-1 under a 'Percentage' label.
        "Percentage of adresses with private outdoor space" as private_outdoor_space_rate,
        "Average size of private outdoor space (m2)" as private_outdoor_space_average_m2
    from source

)

select * from renamed
