-- Within each nation, ranks run from 1 (most deprived) to at most the number of areas ranked, each
-- rank being 1 + the number of areas ranked before it: tied areas share a rank and the next rank
-- is skipped. MHCLG's published IMD 2019 ranks follow this rule (26 pairs of English LSOAs share a
-- rank), and the Welsh ranks derived from scores published to one decimal place follow it too.
with

ranked as (

    select
        nation,
        area_code,
        own_nation_rank,
        own_nation_area_count,
        rank() over (partition by nation order by own_nation_rank) as expected_rank
    from {{ ref('fct_uk_small_area_deprivation') }}

)

select *
from ranked
where own_nation_rank <> expected_rank
    or own_nation_rank > own_nation_area_count
