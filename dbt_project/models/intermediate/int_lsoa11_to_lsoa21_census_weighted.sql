{#- One row per LSOA 2011 x LSOA 2021 pair in England and Wales, with the share of the 2011 LSOA's
    people that live in the 2021 LSOA. A 2011 LSOA with one 2021 part gives it everything; one split
    into several parts shares by the parts' Census 2021 usual residents (TS016 total), the only
    population published for the new areas. -#}
with

pairs as (

    select * from {{ ref('stg_ons__lsoa11_lsoa21_lad22') }}

),

residents as (

    select lsoa21_code, usual_residents from {{ ref('stg_ons__census2021_ts016_lsoa') }}

),

joined as (

    select
        pairs.lsoa11_code,
        pairs.lsoa21_code,
        pairs.change_indicator,
        coalesce(residents.usual_residents, 0) as lsoa21_usual_residents,
        count(*) over (partition by pairs.lsoa11_code) as lsoa11_part_count,
        sum(coalesce(residents.usual_residents, 0)) over (partition by pairs.lsoa11_code)
            as lsoa11_parts_usual_residents
    from pairs
    left join residents on pairs.lsoa21_code = residents.lsoa21_code

),

final as (

    select
        lsoa11_code,
        lsoa21_code,
        change_indicator,
        lsoa11_part_count,
        case
            when lsoa11_part_count = 1 then 1.0
            -- Parts with no residents at all would divide by zero: share equally instead.
            when lsoa11_parts_usual_residents = 0 then 1.0 / lsoa11_part_count
            else lsoa21_usual_residents * 1.0 / lsoa11_parts_usual_residents
        end as lsoa11_share
    from joined

)

select * from final
