{#- Every indicator published so far, one row per LSOA 2021 (England and Wales), with the geography
    each rolls up through. The base of marts.neighbourhood_indicators and of the area rollups. -#}
with

geography as (

    select * from {{ ref('dim_lsoa21') }}

),

local_authorities as (

    select * from {{ ref('stg_drkane__la_all_codes') }}

),

deprivation as (

    select * from {{ ref('fct_lsoa21_deprivation') }}

),

tenure as (

    select * from {{ ref('fct_lsoa21_housing_tenure') }}

),

transience as (

    select * from {{ ref('fct_lsoa21_transience') }}

),

infrastructure as (

    select * from {{ ref('fct_lsoa21_social_infrastructure') }}

),

funding as (

    select lsoa21_code, cast(sum(grants) as bigint) as grants, sum(amount_gbp) as grants_amount_gbp
    from {{ ref('fct_lsoa21_funding') }}
    group by lsoa21_code

),

final as (

    select
        geography.lsoa21_code,
        geography.lsoa21_name,
        geography.msoa21_code,
        geography.ward19_code,
        geography.ward19_name,
        geography.lad19_code,
        geography.lad23_code,
        geography.lad23_name,
        coalesce(current_la.lad_current_code, geography.lad23_code) as lad_current_code,
        geography.utla23_code,
        geography.utla23_name,
        geography.rgn_code,
        geography.rgn_name,
        geography.ctry_code,
        geography.ctry_name,
        deprivation.geography_method as deprivation_geography_method,
        deprivation.imd2019_rank,
        deprivation.imd2019_decile,
        deprivation.imd2019_score_rebuilt as imd2019_score,
        deprivation.income2019_rank,
        deprivation.employment2019_rank,
        deprivation.imd2025_rank,
        deprivation.imd2025_decile,
        deprivation.imd_decile_change_2019_2025,
        deprivation.population_total_count as population_mid2015,
        infrastructure.usual_residents,
        tenure.households,
        tenure.owned_households,
        tenure.social_rented_households,
        tenure.private_rented_households,
        tenure.owned_pct,
        tenure.social_rented_pct,
        tenure.private_rented_pct,
        transience.private_rented_change_pp,
        transience.private_rented_change_geography,
        transience.residents_aged_1_plus,
        transience.moved_in_last_year_per_1k,
        transience.moved_in_last_year_per_1k * transience.residents_aged_1_plus / 1000.0
            as moved_in_last_year,
        transience.arrived_in_uk_under_5y_pct,
        transience.transience_score,
        transience.transience_decile,
        infrastructure.nearest_open_library_km,
        infrastructure.library_distance_status,
        infrastructure.gp_practices,
        infrastructure.libraries_2023,
        infrastructure.charities,
        infrastructure.assets_in_lsoa_status,
        infrastructure.library_authority_libraries_per_10k,
        infrastructure.libraries_per_10k_status,
        infrastructure.lad_pubs_2018_per_10k,
        infrastructure.lad_pubs_change_2001_2018_pct,
        infrastructure.pubs_status,
        infrastructure.social_infrastructure_score,
        coalesce(funding.grants, 0) as grants,
        coalesce(funding.grants_amount_gbp, 0) as grants_amount_gbp
    from geography
    left join local_authorities as current_la on geography.lad23_code = current_la.lad_code
    left join deprivation using (lsoa21_code)
    left join tenure using (lsoa21_code)
    left join transience using (lsoa21_code)
    left join infrastructure using (lsoa21_code)
    left join funding using (lsoa21_code)

)

select * from final
