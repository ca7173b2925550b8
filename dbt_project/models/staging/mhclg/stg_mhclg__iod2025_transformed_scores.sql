with

source as (

    select * from {{ source('raw', 'mhclg__iod2025_file9') }}

),

renamed as (

    select
        nullif(trim("LSOA code (2021)"), '') as lsoa21_code,
        cast("Income Score - exponentially transformed" as double) as income2025_transformed_score,
        cast("Employment Score - exponentially transformed" as double) as employment2025_transformed_score,
        cast("Education Score - exponentially transformed" as double) as education2025_transformed_score,
        cast("Health Score - exponentially transformed" as double) as health2025_transformed_score,
        cast("Crime Score - exponentially transformed" as double) as crime2025_transformed_score,
        cast("Barriers Score - exponentially transformed" as double) as barriers2025_transformed_score,
        cast("Living Environment Score - exponentially transformed" as double) as living_environment2025_transformed_score
    from source

)

select * from renamed
