{#- LSOA 2011 -> MSOA 2011. No such lookup is among the sources, so two rules, in order:
    1. ONS keeps an MSOA's code in 2021 when the MSOA did not change, so an LSOA whose 2021 MSOA
       carries a 2011 MSOA code was in that MSOA in 2011.
    2. Otherwise the LSOA's name: ONS names an LSOA after its MSOA plus a letter ('Darlington 001A'
       is in 'Darlington 001'), and the QS405EW file gives each 2011 MSOA name its code.
    Rule 2 alone is wrong once: four LSOAs of Shepway 015 (E02006880) are named 'Shepway 014E-H' in
    the LSOA 2011 names, which would leave Shepway 015 with no LSOAs. Rule 1 places them. -#}
with

lsoa_pairs as (

    select * from {{ ref('stg_ons__lsoa11_lsoa21_lad22') }}

),

lsoa21_msoa21 as (

    select * from {{ ref('int_lsoa21_msoa21') }}

),

msoa11 as (

    select msoa11_code, msoa11_name from {{ ref('stg_ons__census2011_qs405ew_msoa') }}

),

kept_codes as (

    select
        lsoa_pairs.lsoa11_code,
        min(msoa11.msoa11_code) as msoa11_code
    from lsoa_pairs
    inner join lsoa21_msoa21 on lsoa_pairs.lsoa21_code = lsoa21_msoa21.lsoa21_code
    inner join msoa11 on lsoa21_msoa21.msoa21_code = msoa11.msoa11_code
    group by lsoa_pairs.lsoa11_code

),

lsoa11 as (

    select distinct lsoa11_code, lsoa11_name from lsoa_pairs

),

final as (

    select
        lsoa11.lsoa11_code,
        lsoa11.lsoa11_name,
        coalesce(kept_codes.msoa11_code, by_name.msoa11_code) as msoa11_code,
        case
            when kept_codes.msoa11_code is not null then 'msoa code kept in 2021'
            when by_name.msoa11_code is not null then 'lsoa name'
        end as msoa11_fit_method
    from lsoa11
    left join kept_codes on lsoa11.lsoa11_code = kept_codes.lsoa11_code
    left join msoa11 as by_name
        on regexp_replace(lsoa11.lsoa11_name, '[A-Z]$', '') = by_name.msoa11_name

)

select * from final
