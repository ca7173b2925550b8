with

converted as (

    select * from {{ ref('int_lsoa21_deprivation_converted') }}

),

{% set ranks = ['imd2019', 'income2019', 'employment2019', 'education2019', 'health2019',
                'crime2019', 'barriers2019', 'living_environment2019', 'idaci2019', 'idaopi2019'] %}

final as (

    select
        lsoa21_code,
        lsoa21_name,
        lad22_code,
        lad22_name,
        geography_method,
        lsoa11_source_count,
        lsoa11_codes,
        {%- for name in ranks %}
        {{ name }}_rank,
        {{ name }}_decile,
        {%- endfor %}
        imd2019_score_rebuilt,
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
    from converted

)

select * from final
