{#- Every grant with the areas it was placed in, at every level that contains its placement: a
    grant placed in an LSOA counts for that LSOA and its ward, district, county, region and
    country; a grant placed only in a district (its files name the district, not a place within)
    counts for the district and the areas containing it, never for a ward or an LSOA. This is the
    one definition of "grants in an area" every rollup uses, so a district's grants per head are
    the same in lad_indicators and fct_lad_funding. A 2019 district is given a district-placed
    grant only when its 2023 district lies wholly inside it. -#}
with

grants as (

    select grant_id, source_id, funder_name, amount_gbp, lsoa21_code, lad_code
    from {{ ref('fct_grants') }}
    where amount_gbp is not null

),

lsoas as (

    select
        indicators.lsoa21_code,
        geography.ward24_code,
        indicators.ward19_code,
        indicators.lad19_code,
        indicators.lad23_code,
        indicators.lad_current_code,
        indicators.utla23_code,
        indicators.rgn_code,
        indicators.ctry_code
    from {{ ref('int_lsoa21_indicators') }} as indicators
    inner join {{ ref('dim_lsoa21') }} as geography
        on indicators.lsoa21_code = geography.lsoa21_code

),

districts as (

    select
        lad23_code,
        any_value(lad_current_code) as lad_current_code,
        any_value(utla23_code) as utla23_code,
        any_value(rgn_code) as rgn_code,
        any_value(ctry_code) as ctry_code,
        case when count(distinct lad19_code) = 1 then any_value(lad19_code) end as lad19_code
    from lsoas
    group by lad23_code

),

final as (

    select
        grants.grant_id,
        grants.source_id,
        grants.funder_name,
        grants.amount_gbp,
        case when grants.lsoa21_code is not null then 'lsoa21' else 'lad23' end as placed_at,
        lsoas.lsoa21_code,
        lsoas.ward24_code,
        lsoas.ward19_code,
        coalesce(lsoas.lad19_code, districts.lad19_code) as lad19_code,
        coalesce(lsoas.lad23_code, districts.lad23_code) as lad23_code,
        coalesce(lsoas.lad_current_code, districts.lad_current_code) as lad_current_code,
        coalesce(lsoas.utla23_code, districts.utla23_code) as utla23_code,
        coalesce(lsoas.rgn_code, districts.rgn_code) as rgn_code,
        coalesce(lsoas.ctry_code, districts.ctry_code) as ctry_code
    from grants
    left join lsoas on grants.lsoa21_code = lsoas.lsoa21_code
    left join districts on grants.lsoa21_code is null and grants.lad_code = districts.lad23_code
    -- Grants placed nowhere in England and Wales (or in Scotland) belong to no area here.
    where lsoas.lsoa21_code is not null or districts.lad23_code is not null

)

select * from final
