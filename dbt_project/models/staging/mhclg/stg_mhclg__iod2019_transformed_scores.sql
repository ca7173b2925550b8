with

source as (

    select * from {{ source('raw', 'mhclg__iod2019_file9') }}

),

renamed as (

    select
        nullif(trim("LSOA code (2011)"), '') as lsoa11_code,
        cast("Income Score - exponentially transformed" as double) as income2019_transformed_score,
        cast("Employment Score - exponentially transformed" as double) as employment2019_transformed_score,
        cast("Education Score - exponentially transformed" as double) as education2019_transformed_score,
        cast("Health Score - exponentially transformed" as double) as health2019_transformed_score,
        cast("Crime Score - exponentially transformed" as double) as crime2019_transformed_score,
        cast("Barriers Score - exponentially transformed" as double) as barriers2019_transformed_score,
        cast("Living Environment Score - exponentially transformed" as double) as living_environment2019_transformed_score
    from source

)

select * from renamed
