with

source as (

    select * from {{ source('raw', 'mysociety__uk_imd_e') }}

),

renamed as (

    select
        nullif(trim("lsoa"), '') as small_area_code,
        nullif(trim("nation"), '') as nation_letter,
        cast("overall_local_score" as double) as own_nation_score,
        cast("income_score" as double) as income_deprived_pct,
        cast("employment_score" as double) as employment_deprived_pct,
        cast("UK_IMD_E_score" as double) as uk_imd_e_score,
        cast("UK_IMD_E_rank" as double) as uk_imd_e_rank,
        cast("UK_IMD_E_pop_decile" as integer) as uk_imd_e_population_decile,
        cast("UK_IMD_E_pop_quintile" as integer) as uk_imd_e_population_quintile,
        cast("original_decile" as integer) as own_nation_score_decile,
        cast("E_expanded_decile" as integer) as england_expanded_decile
    from source

)

select * from renamed
