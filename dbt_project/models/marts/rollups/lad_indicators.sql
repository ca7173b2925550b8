{#- Indicators per local authority district in three vintages, one row per vintage and district:
    '2019' (the IoD2019 districts), '2023' (the LSOA 2021 spine's) and 'current' (today's, through
    the LA codes file: reorganised councils such as North Yorkshire or Cumberland have a row, and
    Barnsley and Sheffield their 2024 codes). Method: macro area_indicators. -#}
with

local_authorities as (

    select lad_code, min(lad_name) as lad_name
    from {{ ref('stg_drkane__la_all_codes') }}
    group by lad_code

),

by_vintage as (

    select '2019' as lad_vintage, * from ({{ area_indicators('lad19_code', 'null') }})
    union all
    select '2023' as lad_vintage, * from ({{ area_indicators('lad23_code', 'lad23_name') }})
    union all
    select 'current' as lad_vintage, * from ({{ area_indicators('lad_current_code', 'null') }})

)

select
    by_vintage.lad_vintage,
    by_vintage.area_code as lad_code,
    coalesce(by_vintage.area_name, local_authorities.lad_name) as lad_name,
    by_vintage.* exclude (lad_vintage, area_code, area_name)  -- noqa: RF02
from by_vintage
left join local_authorities on by_vintage.area_code = local_authorities.lad_code
