{#- IoD2019 on LSOA 2021 (converted from LSOA 2011, int_lsoa21_deprivation_converted) beside the
    IoD2025 IMD, which is published on LSOA 2021: rank, decile and the movement between the two
    deciles. A 2019 decile of a split, merged or complex LSOA is itself converted (geography_method),
    so its movement is read with that in mind. -#}
with

converted as (

    select * from {{ ref('int_lsoa21_deprivation_converted') }}

),

geography as (

    -- The districts every LSOA-grain mart carries: 2023 (the LSOA spine's) and 2024 (today's).
    select lsoa21_code, lad23_code, lad23_name, lad24_code, lad24_name
    from {{ ref('dim_lsoa21') }}

),

imd2025 as (

    select lsoa21_code, imd2025_rank, imd2025_decile
    from {{ ref('stg_mhclg__iod2025_imd') }}

),

{% set ranks = ['imd2019', 'income2019', 'employment2019', 'education2019', 'health2019',
                'crime2019', 'barriers2019', 'living_environment2019', 'idaci2019', 'idaopi2019'] %}

final as (

    select
        lsoa21_code,
        converted.lsoa21_name,
        geography.lad23_code,
        geography.lad23_name,
        geography.lad24_code,
        geography.lad24_name,
        converted.geography_method,
        converted.lsoa11_source_count,
        converted.lsoa11_codes,
        {%- for name in ranks %}
        converted.{{ name }}_rank,
        converted.{{ name }}_decile,
        {%- endfor %}
        converted.imd2019_score_rebuilt,
        converted.income2019_transformed_score,
        converted.employment2019_transformed_score,
        converted.education2019_transformed_score,
        converted.health2019_transformed_score,
        converted.crime2019_transformed_score,
        converted.barriers2019_transformed_score,
        converted.living_environment2019_transformed_score,
        converted.population_total_count,
        converted.population_aged_0_15_count,
        converted.population_aged_16_59_count,
        converted.population_aged_60_plus_count,
        converted.population_working_age_count,
        imd2025.imd2025_rank,
        imd2025.imd2025_decile,
        imd2025.imd2025_decile - converted.imd2019_decile as imd_decile_change_2019_2025
    from converted
    left join imd2025 using (lsoa21_code)
    left join geography using (lsoa21_code)

)

select * from final
