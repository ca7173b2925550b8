{#- Allocations named by local authority: Arts Council England's Culture Recovery Fund and National
    Lottery Project Grants, summed per authority and programme, with the authority's Levelling Up
    Fund (round 1) priority category. Authorities are matched by name (int_local_authority_names_
    matched) and summed per matched authority of today, so a council formed by a merger has one row
    whatever names its predecessors were published under (listed in published_names); awards whose
    authority name matches nothing are kept on a row of their own, with no code and match_status
    'unmatched' (e.g. ACE's 'Overseas'). -#}
with

awards as (

    select 'acearts__culture_recovery_fund' as source_id, programme, local_authority_name,
        amount_gbp
    from {{ ref('stg_acearts__culture_recovery_fund') }}
    union all
    select
        'acearts__project_grants_2019_20' as source_id,
        programme,
        local_authority_name,
        amount_gbp
    from {{ ref('stg_acearts__project_grants_2019_20') }}

),

matched as (

    select * from {{ ref('int_local_authority_names_matched') }}

),

priority as (

    -- Councils merged since 2021 inherit the highest priority (lowest category) of their parts.
    select
        coalesce(matched.lad_code, matched.utla_code) as local_authority_code,
        min(luf.priority_category) as priority_category
    from {{ ref('stg_mhclg__levelling_up_fund_priority') }} as luf
    inner join matched
        on matched.source_id = 'mhclg__levelling_up_fund_priority'
        and luf.local_authority_name = matched.local_authority_name
    where matched.match_status <> 'unmatched'
    group by coalesce(matched.lad_code, matched.utla_code)

),

residents as (

    select lad23_code as area_code, sum(usual_residents) as usual_residents
    from {{ ref('int_lsoa21_residents') }} group by lad23_code
    union all
    select geography.utla23_code as area_code, sum(residents.usual_residents) as usual_residents
    from {{ ref('int_lsoa21_residents') }} as residents
    inner join {{ ref('dim_lsoa21') }} as geography using (lsoa21_code)
    where geography.utla23_code <> geography.lad23_code
    group by geography.utla23_code

),

authority_names as (

    select area_code, min(area_name) as area_name
    from (
        select lad_code as area_code, lad_name as area_name
        from {{ ref('stg_drkane__la_all_codes') }}
        union all
        select utla_code, utla_name
        from {{ ref('stg_drkane__la_all_codes') }}
        where utla_code is not null
    )
    group by area_code

),

final as (

    select
        coalesce(matched.lad_code, matched.utla_code) as local_authority_code,
        coalesce(any_value(authority_names.area_name), any_value(awards.local_authority_name))
            as local_authority_name,
        string_agg(distinct awards.local_authority_name, '; ' order by awards.local_authority_name)
            as published_names,
        matched.match_status,
        awards.programme,
        count(*) as awards,
        sum(awards.amount_gbp) as amount_gbp,
        sum(awards.amount_gbp) / nullif(any_value(residents.usual_residents), 0)
            as amount_per_head_gbp,
        any_value(priority.priority_category) as levelling_up_priority_category
    from awards
    inner join matched
        on awards.source_id = matched.source_id
        and awards.local_authority_name is not distinct from matched.local_authority_name
    left join residents
        on coalesce(matched.lad_code, matched.utla_code) = residents.area_code
    left join priority
        on coalesce(matched.lad_code, matched.utla_code) = priority.local_authority_code
    left join authority_names
        on coalesce(matched.lad_code, matched.utla_code) = authority_names.area_code
    -- Unmatched names have no code: each keeps a row of its own.
    group by
        coalesce(matched.lad_code, matched.utla_code),
        case when coalesce(matched.lad_code, matched.utla_code) is null
            then awards.local_authority_name end,
        matched.match_status,
        awards.programme

)

select * from final
