{#- Every local authority district code since 2011 with the district of 2023 it lies in, the
    vintage of the LSOA spine (dim_lsoa21.lad23_code) and of its resident counts. The LA codes file
    names today's district, which for Barnsley and Sheffield is a 2024 recode (E08000038/39 for
    E08000016/19) that no other table here uses; such a code is taken back to its 2023 code. -#}
with

local_authorities as (

    select * from {{ ref('stg_drkane__la_all_codes') }}

),

lad23 as (

    select distinct lad23_code from {{ ref('int_lsoa21_geography_joined') }}

),

back_to_2023 as (

    select local_authorities.lad_current_code, min(local_authorities.lad_code) as lad23_code
    from local_authorities
    inner join lad23 on local_authorities.lad_code = lad23.lad23_code
    group by local_authorities.lad_current_code

),

final as (

    select
        local_authorities.lad_code,
        local_authorities.lad_name,
        local_authorities.lad_current_code,
        coalesce(
            case when lad23.lad23_code is not null then local_authorities.lad_current_code end,
            back_to_2023.lad23_code,
            local_authorities.lad_current_code
        ) as lad23_code
    from local_authorities
    left join lad23 on local_authorities.lad_current_code = lad23.lad23_code
    left join back_to_2023 on local_authorities.lad_current_code = back_to_2023.lad_current_code

)

select * from final
