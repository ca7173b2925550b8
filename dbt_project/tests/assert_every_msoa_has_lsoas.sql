{#- The LSOA -> MSOA rules (names, kept codes) must place at least one LSOA in every MSOA of both
    Censuses; an MSOA left empty would silently drop its households from the 2011 -> 2021 change. -#}
select 'msoa21' as msoa_vintage, msoa21_code as msoa_code
from {{ ref('stg_ons__census2021_ts054_msoa') }}
where msoa21_code not in (
    select lsoa21_msoa21.msoa21_code from {{ ref('int_lsoa21_msoa21') }} as lsoa21_msoa21
    where lsoa21_msoa21.msoa21_code is not null
)

union all

select 'msoa11' as msoa_vintage, msoa11_code as msoa_code
from {{ ref('stg_ons__census2011_qs405ew_msoa') }}
where msoa11_code not in (
    select lsoa11_msoa11.msoa11_code from {{ ref('int_lsoa11_msoa11') }} as lsoa11_msoa11
    where lsoa11_msoa11.msoa11_code is not null
)
