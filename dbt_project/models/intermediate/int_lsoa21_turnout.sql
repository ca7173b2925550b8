{#- General-election turnout carried from the 2024 constituencies to every LSOA 2021 of England
    and Wales: to each LSOA 2011 by its population overlap with the constituencies, then to LSOA
    2021 as the project converts other 2011 rates (the method is in the YAML). -#}
with

overlap as (

    select * from {{ ref('stg_mysociety__lsoa11_parl25_overlap') }}
    where small_area_type = 'lsoa11'

),

codes as (

    select * from {{ ref('stg_open_innovations__parl25_codes') }}

),

constituencies as (

    select * from {{ ref('int_pcon25_turnout') }}

),

english_pairs as (

    select * from {{ ref('int_lsoa11_to_lsoa21_weighted') }}
    where lsoa21_code like 'E%'

),

welsh_lookup as (

    select * from {{ ref('stg_ons__lsoa11_lsoa21_lad22') }}
    where lsoa21_code like 'W%'

),

census_shares as (

    select * from {{ ref('int_lsoa11_to_lsoa21_census_weighted') }}

),

population as (

    select * from {{ ref('stg_mysociety__population_2019') }}

),

lsoa11_weights as (

    -- An LSOA 2011's weight in each constituency: its overlap population over their sum, which
    -- adds up to 1 (a sliver row holds nobody and weighs 0; a coastal LSOA's overlaps hold less
    -- than its population). By area only if nobody lives in its overlaps (no real LSOA of E&W).
    select
        overlap.small_area_code as lsoa11_code,
        overlap.parl25_code,
        coalesce(
            overlap.overlap_population / nullif(sum(overlap.overlap_population) over lsoa11, 0),
            overlap.overlap_area_m2 / nullif(sum(overlap.overlap_area_m2) over lsoa11, 0)
        ) as pcon24_weight
    from overlap
    window lsoa11 as (partition by overlap.small_area_code)

),

welsh_pairs as (

    -- Wales has no IoD2019 population file: its 2011 LSOAs weigh their mid-2019 people, shared
    -- among 2021 parts by Census 2021 residents, as in fct_wales_lsoa21_deprivation.
    select
        welsh_lookup.lsoa11_code,
        welsh_lookup.lsoa21_code,
        {{ lsoa_change_method('welsh_lookup.change_indicator') }} as geography_method,
        population.population_mid2019 * census_shares.lsoa11_share as population_weight
    from welsh_lookup
    left join census_shares
        on welsh_lookup.lsoa11_code = census_shares.lsoa11_code
        and welsh_lookup.lsoa21_code = census_shares.lsoa21_code
    left join population on welsh_lookup.lsoa11_code = population.small_area_code

),

pairs as (

    select lsoa11_code, lsoa21_code, geography_method, population_weight from english_pairs
    union all
    select lsoa11_code, lsoa21_code, geography_method, population_weight from welsh_pairs

),

source_weights as (

    -- A rate is inherited where an LSOA 2021 has one 2011 source (unchanged or split) and
    -- population-weighted where it has several (merged or complex).
    select
        lsoa11_code,
        lsoa21_code,
        geography_method,
        count(*) over (partition by lsoa21_code) as lsoa11_source_count,
        case
            when count(*) over (partition by lsoa21_code) = 1 then 1.0
            else population_weight / sum(population_weight) over (partition by lsoa21_code)
        end as lsoa11_weight
    from pairs

),

lsoa21_weights as (

    select
        source_weights.lsoa21_code,
        codes.pcon24_code,
        sum(source_weights.lsoa11_weight * lsoa11_weights.pcon24_weight) as pcon24_weight
    from source_weights
    inner join lsoa11_weights on source_weights.lsoa11_code = lsoa11_weights.lsoa11_code
    left join codes on lsoa11_weights.parl25_code = codes.parl25_code
    group by source_weights.lsoa21_code, codes.pcon24_code

),

main_constituency as (

    select
        lsoa21_code,
        pcon24_code as main_pcon24_code
    from lsoa21_weights
    qualify row_number() over (
        partition by lsoa21_code order by pcon24_weight desc, pcon24_code asc
    ) = 1

),

carried as (

    -- A weighted mean of the constituencies' turnouts; none if a constituency has no turnout,
    -- rather than a mean of the others.
    select
        lsoa21_weights.lsoa21_code,
        sum(lsoa21_weights.pcon24_weight) as pcon24_weight_sum,
        count(*) filter (where lsoa21_weights.pcon24_weight > 0) as pcon24_count,
        case
            when count(constituencies.turnout_2024_pct) = count(*)
                then sum(lsoa21_weights.pcon24_weight * constituencies.turnout_2024_pct)
        end as turnout_2024_pct,
        case
            when count(constituencies.turnout_2019_notional_pct) = count(*)
                then sum(lsoa21_weights.pcon24_weight * constituencies.turnout_2019_notional_pct)
        end as turnout_2019_notional_pct
    from lsoa21_weights
    left join constituencies on lsoa21_weights.pcon24_code = constituencies.pcon24_code
    group by lsoa21_weights.lsoa21_code

),

lsoa21 as (

    select
        lsoa21_code,
        any_value(geography_method) as geography_method,
        any_value(lsoa11_source_count) as lsoa11_source_count,
        string_agg(lsoa11_code, ';' order by lsoa11_code) as lsoa11_codes
    from source_weights
    group by lsoa21_code

),

complete as (

    -- A value is null exactly when its status is missing: all three turnouts or none.
    select
        lsoa21.*,
        carried.pcon24_count,
        carried.pcon24_weight_sum,
        carried.turnout_2024_pct,
        carried.turnout_2019_notional_pct,
        coalesce(
            carried.turnout_2024_pct is not null and carried.turnout_2019_notional_pct is not null,
            false
        ) as has_turnout
    from lsoa21
    left join carried on lsoa21.lsoa21_code = carried.lsoa21_code

),

final as (

    select
        complete.lsoa21_code,
        complete.geography_method,
        complete.lsoa11_source_count,
        complete.lsoa11_codes,
        main_constituency.main_pcon24_code,
        complete.pcon24_count,
        complete.pcon24_weight_sum,
        case when complete.has_turnout then complete.turnout_2024_pct end as turnout_2024_pct,
        case
            when complete.has_turnout then complete.turnout_2019_notional_pct
        end as turnout_2019_notional_pct,
        case
            when complete.has_turnout
                then complete.turnout_2024_pct - complete.turnout_2019_notional_pct
        end as turnout_change_pp,
        case when complete.has_turnout then 'from_constituency' else 'missing' end as turnout_status
    from complete
    left join main_constituency on complete.lsoa21_code = main_constituency.lsoa21_code

)

select * from final
