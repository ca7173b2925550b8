{#- Every LSOA 2021 in England and Wales with the areas it belongs to and its rurality. Wards and
    districts are best fit (ONS builds them from whole LSOAs). Ward 2019 comes through the 2011
    LSOAs: where a 2021 LSOA has several 2011 parents, the ward of the parent with the most people
    (IoD2019 File 6, mid 2015) is taken; Welsh LSOAs have no File 6 population, so the first parent
    by code is taken. -#}
with

lsoa21 as (

    select * from {{ ref('stg_ons__lsoa21_ward23_lad23') }}

),

pairs as (

    select * from {{ ref('stg_ons__lsoa11_lsoa21_lad22') }}

),

ward24 as (

    select * from {{ ref('stg_ons__lsoa21_ward24_lad24') }}

),

rurality as (

    select * from {{ ref('stg_ons__ruc21_lsoa21') }}

),

ward19 as (

    select * from {{ ref('stg_ons__lsoa11_ward19_lad19') }}

),

population as (

    select * from {{ ref('stg_mhclg__iod2019_population') }}

),

la_codes as (

    select * from {{ ref('stg_drkane__la_all_codes') }}

),

msoa21 as (

    select * from {{ ref('int_lsoa21_msoa21') }}

),

lad22 as (

    select distinct lsoa21_code, lad22_code, lad22_name
    from pairs

),

parent_wards as (

    select
        pairs.lsoa21_code,
        ward19.ward19_code,
        ward19.ward19_name,
        ward19.lad19_code,
        count(*) over (partition by pairs.lsoa21_code) as parent_count,
        row_number() over (
            partition by pairs.lsoa21_code
            order by population.population_total_count desc nulls last, pairs.lsoa11_code asc
        ) as parent_order
    from pairs
    inner join ward19 on pairs.lsoa11_code = ward19.lsoa11_code
    left join population on pairs.lsoa11_code = population.lsoa11_code

),

best_ward19 as (

    select
        lsoa21_code,
        ward19_code,
        ward19_name,
        lad19_code,
        case
            when parent_count = 1 then 'from its only 2011 LSOA'
            else 'from its most populous 2011 LSOA'
        end as ward19_fit_method
    from parent_wards
    where parent_order = 1

),

final as (

    select
        lsoa21.lsoa21_code,
        lsoa21.lsoa21_name,
        lsoa21.lsoa21_name_welsh,
        msoa21.msoa21_code,
        msoa21.msoa21_name,
        lad22.lad22_code,
        lad22.lad22_name,
        lsoa21.lad23_code,
        lsoa21.lad23_name,
        la_codes.utla_code as utla23_code,
        la_codes.utla_name as utla23_name,
        lsoa21.ward23_code,
        lsoa21.ward23_name,
        ward24.ward24_code,
        ward24.ward24_name,
        ward24.lad24_code,
        ward24.lad24_name,
        best_ward19.ward19_code,
        best_ward19.ward19_name,
        best_ward19.lad19_code,
        best_ward19.ward19_fit_method,
        -- Wales has no English-style regions; ONS publishes it in region tables as the country.
        coalesce(la_codes.rgn_code, la_codes.ctry_code) as rgn_code,
        coalesce(la_codes.rgn_name, la_codes.ctry_name) as rgn_name,
        la_codes.ctry_code,
        la_codes.ctry_name,
        rurality.ruc21_code,
        rurality.ruc21_name,
        rurality.is_rural
    from lsoa21
    left join lad22 on lsoa21.lsoa21_code = lad22.lsoa21_code
    left join best_ward19 on lsoa21.lsoa21_code = best_ward19.lsoa21_code
    left join la_codes on lsoa21.lad23_code = la_codes.lad_code
    left join msoa21 on lsoa21.lsoa21_code = msoa21.lsoa21_code
    left join ward24 on lsoa21.lsoa21_code = ward24.lsoa21_code
    left join rurality on lsoa21.lsoa21_code = rurality.lsoa21_code

)

select * from final
