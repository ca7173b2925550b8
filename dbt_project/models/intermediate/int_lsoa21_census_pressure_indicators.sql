{#- Census 2021 indicators of three pressures per LSOA 2021 (England and Wales): poverty (households
    deprived in two or more dimensions, TS011), isolation (residents disabled under the Equality
    Act, TS038) and fragmentation (residents who cannot speak English well, TS029, published by
    MSOA and given to each of its LSOAs); with the ethnic and religious diversity indices (TS021,
    TS030) as context only, never a pressure. A value is null exactly when its status is
    'missing'. -#}
with

geography as (

    select lsoa21_code, msoa21_code from {{ ref('dim_lsoa21') }}

),

household_deprivation as (

    select * from {{ ref('stg_ons__census2021_ts011_lsoa') }}

),

disability as (

    select * from {{ ref('stg_ons__census2021_ts038_lsoa') }}

),

proficiency as (

    select * from {{ ref('stg_ons__census2021_ts029_msoa') }}

),

ethnicity as (

    select * from {{ ref('stg_ons__census2021_ts021_lsoa') }}

),

religion as (

    select * from {{ ref('stg_ons__census2021_ts030_lsoa') }}

),

-- Religious diversity is over the residents who answered: 'Not answered' says nothing about a
-- religion, so counting it as a ninth group would make a place with many non-answers look diverse.
religion_answered as (

    select
        lsoa21_code,
        usual_residents - religion_not_answered_residents as answered_residents,
        [
            no_religion_residents, christian_residents, buddhist_residents, hindu_residents,
            jewish_residents, muslim_residents, sikh_residents, other_religion_residents
        ] as group_residents
    from religion

),

diversity as (

    select
        geography.lsoa21_code,
        -- Simpson's index 1 - sum p^2: the chance that two residents drawn at random belong to
        -- different groups.
        1.0 - (
            (
                ethnicity.asian_residents ^ 2 + ethnicity.black_residents ^ 2
                + ethnicity.mixed_residents ^ 2 + ethnicity.white_residents ^ 2
                + ethnicity.other_ethnic_group_residents ^ 2
            ) / nullif(ethnicity.usual_residents, 0) ^ 2
        ) as ethnic_diversity_index,
        1.0 - (
            list_sum(list_transform(religion_answered.group_residents, n -> n ^ 2))
            / nullif(religion_answered.answered_residents, 0) ^ 2
        ) as religious_diversity_index
    from geography
    left join ethnicity on geography.lsoa21_code = ethnicity.lsoa21_code
    left join religion_answered on geography.lsoa21_code = religion_answered.lsoa21_code

),

values_ as (

    select
        geography.lsoa21_code,
        geography.msoa21_code,
        100.0 * (
            household_deprivation.households_deprived_2_dimensions
            + household_deprivation.households_deprived_3_dimensions
            + household_deprivation.households_deprived_4_dimensions
        ) / nullif(household_deprivation.households, 0) as households_deprived_2plus_dimensions_pct,
        100.0 * disability.disabled_residents
        / nullif(disability.usual_residents, 0) as disabled_residents_pct,
        -- Residents aged 3+ are the two main-language categories (TS029's total is their sum).
        100.0 * (
            proficiency.cannot_speak_english_well_residents
            + proficiency.cannot_speak_english_residents
        ) / nullif(
            proficiency.main_language_english_residents
            + proficiency.main_language_not_english_residents,
            0
        ) as cannot_speak_english_well_pct,
        diversity.ethnic_diversity_index,
        diversity.religious_diversity_index
    from geography
    left join household_deprivation
        on geography.lsoa21_code = household_deprivation.lsoa21_code
    left join disability on geography.lsoa21_code = disability.lsoa21_code
    left join proficiency on geography.msoa21_code = proficiency.msoa21_code
    left join diversity on geography.lsoa21_code = diversity.lsoa21_code

),

final as (

    select
        lsoa21_code,
        msoa21_code,
        households_deprived_2plus_dimensions_pct,
        case
            when households_deprived_2plus_dimensions_pct is null then 'missing' else 'observed'
        end as households_deprived_2plus_dimensions_status,
        disabled_residents_pct,
        case
            when disabled_residents_pct is null then 'missing' else 'observed'
        end as disabled_residents_status,
        cannot_speak_english_well_pct,
        case
            when cannot_speak_english_well_pct is null then 'missing' else 'from_msoa'
        end as cannot_speak_english_well_status,
        ethnic_diversity_index,
        case
            when ethnic_diversity_index is null then 'missing' else 'observed'
        end as ethnic_diversity_status,
        religious_diversity_index,
        case
            when religious_diversity_index is null then 'missing' else 'observed'
        end as religious_diversity_status
    from values_

)

select * from final
