-- mySociety's composite is anchored on England: an English LSOA's composite score is its IMD 2019
-- score, so going down MHCLG's published IMD ranks the composite score never rises.
with

england as (

    select
        area_code,
        own_nation_rank,
        uk_composite_score,
        lag(uk_composite_score) over (
            order by own_nation_rank asc, uk_composite_score desc
        ) as more_deprived_neighbour_score
    from {{ ref('fct_uk_small_area_deprivation') }}
    where nation = 'England'

)

select *
from england
where uk_composite_score > more_deprived_neighbour_score
