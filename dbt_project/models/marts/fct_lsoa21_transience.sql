{#- How transient each LSOA 2021 is: private renting, its growth since 2011, moves in the year
    before the Census, and recent arrivals in the UK, with a composite score. See the YAML for the
    score's definition. -#}
with

geography as (

    select * from {{ ref('dim_lsoa21') }}

),

tenure as (

    select * from {{ ref('fct_lsoa21_housing_tenure') }}

),

tenure_change as (

    select msoa21_code, private_rented_change_pp from {{ ref('fct_msoa21_tenure_change') }}

),

migration as (

    select * from {{ ref('stg_ons__census2021_ts019_lsoa') }}

),

residence as (

    select * from {{ ref('stg_ons__census2021_ts016_lsoa') }}

),

indicators as (

    select
        geography.lsoa21_code,
        geography.lsoa21_name,
        geography.msoa21_code,
        geography.lad23_code,
        geography.lad23_name,
        geography.lad24_code,
        geography.lad24_name,
        geography.rgn_name,
        tenure.households,
        tenure.private_rented_pct,
        tenure_change.private_rented_change_pp,
        'msoa21' as private_rented_change_geography,
        migration.residents_aged_1_plus,
        1000.0 * (migration.moved_within_uk_residents + migration.moved_from_outside_uk_residents)
            / nullif(migration.residents_aged_1_plus, 0) as moved_in_last_year_per_1k,
        1000.0 * migration.moved_within_uk_residents / nullif(migration.residents_aged_1_plus, 0)
            as moved_within_uk_per_1k,
        1000.0 * migration.moved_from_outside_uk_residents
            / nullif(migration.residents_aged_1_plus, 0) as moved_from_outside_uk_per_1k,
        1000.0 * migration.student_address_residents / nullif(migration.residents_aged_1_plus, 0)
            as student_address_last_year_per_1k,
        residence.usual_residents,
        100.0 * residence.arrived_under_2y_residents / nullif(residence.usual_residents, 0)
            as arrived_in_uk_under_2y_pct,
        100.0 * (residence.arrived_under_2y_residents + residence.arrived_2y_to_5y_residents)
            / nullif(residence.usual_residents, 0) as arrived_in_uk_under_5y_pct
    from geography
    inner join tenure on geography.lsoa21_code = tenure.lsoa21_code
    left join tenure_change on geography.msoa21_code = tenure_change.msoa21_code
    left join migration on geography.lsoa21_code = migration.lsoa21_code
    left join residence on geography.lsoa21_code = residence.lsoa21_code

),

standardised as (

    select
        *,
        (private_rented_pct - avg(private_rented_pct) over ())
            / nullif(stddev_pop(private_rented_pct) over (), 0) as private_rented_z,
        (moved_in_last_year_per_1k - avg(moved_in_last_year_per_1k) over ())
            / nullif(stddev_pop(moved_in_last_year_per_1k) over (), 0) as moved_in_last_year_z,
        (arrived_in_uk_under_5y_pct - avg(arrived_in_uk_under_5y_pct) over ())
            / nullif(stddev_pop(arrived_in_uk_under_5y_pct) over (), 0) as arrived_in_uk_under_5y_z
    from indicators

),

scored as (

    select
        *,
        -- Recent arrival in the UK is shown, not scored: a score must not rank a neighbourhood by
        -- where its residents were born (how long people stay at an address is the moves' part).
        (private_rented_z + moved_in_last_year_z) / 2.0 as transience_score
    from standardised

),

ranked as (

    select
        *,
        -- 1 = the most transient LSOA of England and Wales.
        case
            when transience_score is not null
                then rank() over (order by transience_score desc nulls last)
        end as transience_rank,
        count(transience_score) over () as transience_ranked_count
    from scored

),

final as (

    select
        * exclude (transience_ranked_count),
        {{ rank_to_decile('transience_rank', 'transience_ranked_count') }} as transience_decile
    from ranked

)

select * from final
