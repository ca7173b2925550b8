{#- The pressures measured for a whole authority, carried to each of its LSOAs 2021 (status
    from_la): how separated ethnic groups and religions live within the district (Theil's H, the
    index the composite reads, and dissimilarity D beside it), the share of the library
    authority's 2016 libraries closed by 2023, and the change in the district's pubs since 2001.
    Every LSOA of an authority gets the authority's value: these describe the place around a
    neighbourhood, not the neighbourhood. -#}
with

geography as (

    select lsoa21_code, lad23_code, utla23_code from {{ ref('dim_lsoa21') }}

),

segregation as (

    select * from {{ ref('int_lad_segregation') }}

),

libraries as (

    select * from {{ ref('int_utla23_libraries') }}

),

social_infrastructure as (

    select lsoa21_code, lad_pubs_change_2001_2018_pct
    from {{ ref('fct_lsoa21_social_infrastructure') }}

),

final as (

    select
        geography.lsoa21_code,
        geography.lad23_code,
        geography.utla23_code,
        ethnic.information_theory_h as ethnic_segregation_h,
        ethnic.dissimilarity_index as ethnic_dissimilarity_index,
        case when ethnic.lad23_code is null then 'missing' else 'from_la' end
            as ethnic_segregation_status,
        religious.information_theory_h as religious_segregation_h,
        religious.dissimilarity_index as religious_dissimilarity_index,
        case when religious.lad23_code is null then 'missing' else 'from_la' end
            as religious_segregation_status,
        libraries.static_libraries_closed_2016_2023_pct as libraries_closed_2016_2023_pct,
        case
            when libraries.static_libraries_closed_2016_2023_pct is null then 'missing'
            else 'from_la'
        end as libraries_closed_2016_2023_status,
        social_infrastructure.lad_pubs_change_2001_2018_pct as pubs_change_2001_2018_pct,
        case
            when social_infrastructure.lad_pubs_change_2001_2018_pct is null then 'missing'
            else 'from_la'
        end as pubs_change_2001_2018_status
    from geography
    left join segregation as ethnic
        on geography.lad23_code = ethnic.lad23_code and ethnic.dimension = 'ethnic_group'
    left join segregation as religious
        on geography.lad23_code = religious.lad23_code and religious.dimension = 'religion'
    left join libraries on geography.utla23_code = libraries.utla23_code
    left join social_infrastructure
        on geography.lsoa21_code = social_infrastructure.lsoa21_code

)

select * from final
