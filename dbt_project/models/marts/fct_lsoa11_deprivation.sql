with

lsoa11 as (

    select * from {{ ref('int_lsoa11_deprivation_joined') }}

),

final as (

    select
        lsoa11_code,
        lsoa11_name,
        lad19_code,
        lad19_name,
        imd2019_rank,
        imd2019_decile,
        imd2019_score_rebuilt,
        imd2019_rank_rebuilt,
        income2019_rank,
        income2019_decile,
        employment2019_rank,
        employment2019_decile,
        education2019_rank,
        education2019_decile,
        health2019_rank,
        health2019_decile,
        crime2019_rank,
        crime2019_decile,
        barriers2019_rank,
        barriers2019_decile,
        living_environment2019_rank,
        living_environment2019_decile,
        idaci2019_rank,
        idaci2019_decile,
        idaopi2019_rank,
        idaopi2019_decile,
        income2019_transformed_score,
        employment2019_transformed_score,
        education2019_transformed_score,
        health2019_transformed_score,
        crime2019_transformed_score,
        barriers2019_transformed_score,
        living_environment2019_transformed_score,
        population_total_count,
        population_aged_0_15_count,
        population_aged_16_59_count,
        population_aged_60_plus_count,
        population_working_age_count
    from lsoa11

)

select * from final
