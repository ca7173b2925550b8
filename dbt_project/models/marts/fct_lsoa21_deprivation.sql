{#- IoD2019 on LSOA 2021 (converted from LSOA 2011, int_lsoa21_deprivation_converted) beside the
    IoD2025 IMD, which is published on LSOA 2021: rank, decile and the movement between the two
    deciles. A 2019 decile of a split, merged or complex LSOA is itself converted (geography_method),
    so its movement is read with that in mind. -#}
with

converted as (

    select * from {{ ref('int_lsoa21_deprivation_converted') }}

),

imd2025 as (

    select lsoa21_code, lad24_code, imd2025_rank, imd2025_decile
    from {{ ref('stg_mhclg__iod2025_imd') }}

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
        population_working_age_count,
        imd2025.lad24_code,
        imd2025.imd2025_rank,
        imd2025.imd2025_decile,
        imd2025.imd2025_decile - converted.imd2019_decile as imd_decile_change_2019_2025
    from converted
    left join imd2025 using (lsoa21_code)

)

select * from final
