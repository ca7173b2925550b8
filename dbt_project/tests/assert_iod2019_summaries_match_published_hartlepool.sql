{#- The four IMD summary values MHCLG publishes for Hartlepool (E06000001) in IoD2019 File 10,
    reproduced from the LSOA files to the published precision. Only where the LSOA files are the
    real ones (they have Hartlepool's LSOAs; the synthetic demo has none), and then a missing
    Hartlepool row fails too. -#}
with

hartlepool as (

    select * from {{ ref('lad19_iod2019_summaries') }} where lad19_code = 'E06000001'

),

expected as (

    select 22581.98 as imd_average_rank, 0.3621 as imd_most_deprived_10pct_share,
        0.4973 as imd_extent, 32560.44 as imd_local_concentration

)

select expected.*
from expected
left join hartlepool
    on expected.imd_average_rank = hartlepool.imd_average_rank
    and expected.imd_most_deprived_10pct_share
        = hartlepool.imd_most_deprived_10pct_share
    and expected.imd_extent = hartlepool.imd_extent
    and expected.imd_local_concentration = hartlepool.imd_local_concentration
where hartlepool.lad19_code is null
    and exists (
        select 1 from {{ ref('stg_mhclg__iod2019_imd') }} as file1
        where file1.lad19_code = 'E06000001'
    )
