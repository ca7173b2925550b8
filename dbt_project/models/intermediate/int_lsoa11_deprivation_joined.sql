{#- One row per IoD2019 LSOA (2011): Files 1, 2, 3, 6 and 9 side by side, and the IMD score rebuilt
    from the File 9 transformed domain scores with the published domain weights (IoD2019 Technical
    Report, section 3.8: Income 22.5%, Employment 22.5%, Education 13.5%, Health 13.5%, Crime 9.3%,
    Barriers 9.3%, Living Environment 9.3%). File 9 is published to 3 dp, so ranking the rebuilt score
    reproduces the published IMD rank to within a few places, not exactly. -#}
with

imd as (

    select * from {{ ref('stg_mhclg__iod2019_imd') }}

),

domains as (

    select * from {{ ref('stg_mhclg__iod2019_domains') }}

),

supplementary as (

    select * from {{ ref('stg_mhclg__iod2019_supplementary') }}

),

population as (

    select * from {{ ref('stg_mhclg__iod2019_population') }}

),

transformed as (

    select * from {{ ref('stg_mhclg__iod2019_transformed_scores') }}

),

joined as (

    select
        imd.lsoa11_code,
        imd.lsoa11_name,
        imd.lad19_code,
        imd.lad19_name,
        imd.imd2019_rank,
        imd.imd2019_decile,
        domains.income2019_rank,
        domains.income2019_decile,
        domains.employment2019_rank,
        domains.employment2019_decile,
        domains.education2019_rank,
        domains.education2019_decile,
        domains.health2019_rank,
        domains.health2019_decile,
        domains.crime2019_rank,
        domains.crime2019_decile,
        domains.barriers2019_rank,
        domains.barriers2019_decile,
        domains.living_environment2019_rank,
        domains.living_environment2019_decile,
        supplementary.idaci2019_rank,
        supplementary.idaci2019_decile,
        supplementary.idaopi2019_rank,
        supplementary.idaopi2019_decile,
        transformed.income2019_transformed_score,
        transformed.employment2019_transformed_score,
        transformed.education2019_transformed_score,
        transformed.health2019_transformed_score,
        transformed.crime2019_transformed_score,
        transformed.barriers2019_transformed_score,
        transformed.living_environment2019_transformed_score,
        population.population_total_count,
        population.population_aged_0_15_count,
        population.population_aged_16_59_count,
        population.population_aged_60_plus_count,
        population.population_working_age_count
    from imd
    inner join domains on imd.lsoa11_code = domains.lsoa11_code
    inner join supplementary on imd.lsoa11_code = supplementary.lsoa11_code
    inner join population on imd.lsoa11_code = population.lsoa11_code
    inner join transformed on imd.lsoa11_code = transformed.lsoa11_code

),

scored as (

    select
        *,
        {{ imd2019_score('') }} as imd2019_score_rebuilt
    from joined

),

final as (

    select
        *,
        cast(rank() over (order by imd2019_score_rebuilt desc) as integer) as imd2019_rank_rebuilt
    from scored

)

select * from final
