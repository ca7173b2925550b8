-- Every area of mySociety's composite is an area of its own nation's index, in the right nation,
-- and every area the four indices rank is in the composite.
with

composite as (

    select small_area_code, nation_letter from {{ ref('stg_mysociety__uk_imd_e') }}

),

own_nation as (

    select area_code, nation from {{ ref('fct_uk_small_area_deprivation') }}

)

select
    coalesce(composite.small_area_code, own_nation.area_code) as area_code,
    composite.nation_letter,
    own_nation.nation
from composite
full outer join own_nation on composite.small_area_code = own_nation.area_code
where composite.small_area_code is null
    or own_nation.area_code is null
    or composite.nation_letter <> left(own_nation.nation, 1)
