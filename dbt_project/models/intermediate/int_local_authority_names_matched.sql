{#- Allocation files name local authorities without codes. Each name is matched, ignoring case, to
    a district name in the LA codes file (any vintage since 2011, then today's district), else to an
    upper-tier name; a name that matches neither is kept with match_status 'unmatched' so it is
    reported, never dropped. -#}
with

names as (

    select 'acearts__culture_recovery_fund' as source_id, local_authority_name
    from {{ ref('stg_acearts__culture_recovery_fund') }}
    union
    select 'acearts__project_grants_2019_20' as source_id, local_authority_name
    from {{ ref('stg_acearts__project_grants_2019_20') }}
    union
    select 'mhclg__levelling_up_fund_priority' as source_id, local_authority_name
    from {{ ref('stg_mhclg__levelling_up_fund_priority') }}

),

local_authorities as (

    select * from {{ ref('stg_drkane__la_all_codes') }}

),

districts as (

    select lower(lad_name) as name_key, min(lad_current_code) as lad_code,
        count(distinct lad_current_code) as candidates
    from local_authorities
    group by lower(lad_name)

),

upper_tiers as (

    select lower(utla_name) as name_key, min(utla_code) as utla_code
    from local_authorities
    where utla_code is not null
    group by lower(utla_name)

),

final as (

    select
        names.source_id,
        names.local_authority_name,
        case when districts.candidates = 1 then districts.lad_code end as lad_code,
        -- Bracketed so that sqlfluff does not read the `from` as the end of the select list.
        case when (districts.candidates is distinct from 1) then upper_tiers.utla_code end
            as utla_code,
        case
            when districts.candidates = 1 then 'district'
            when upper_tiers.utla_code is not null then 'upper tier'
            else 'unmatched'
        end as match_status
    from names
    left join districts on lower(names.local_authority_name) = districts.name_key
    left join upper_tiers on lower(names.local_authority_name) = upper_tiers.name_key

)

select * from final
