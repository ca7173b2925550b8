{#- Moving 2011 tenure onto MSOA 2021 must neither lose nor invent households, and must leave the
    published counts of unchanged MSOAs (same code in both Censuses) exactly as they were. -#}
with

published as (

    select * from {{ ref('stg_ons__census2011_qs405ew_msoa') }}

),

converted as (

    select * from {{ ref('fct_msoa21_tenure_change') }}

),

totals as (

    select
        'all households' as check_name,
        null as msoa21_code,
        (select sum(total_households) from published) as published_households,
        (select sum(households_2011) from converted) as converted_households

),

unchanged as (

    select
        'unchanged msoa' as check_name,
        converted.msoa21_code,
        published.total_households as published_households,
        converted.households_2011 as converted_households
    from converted
    inner join published on converted.msoa21_code = published.msoa11_code
    where converted.msoa_change_method = 'unchanged'

)

select * from totals where abs(published_households - converted_households) > 0.5
union all
select * from unchanged where abs(published_households - converted_households) > 1e-6
