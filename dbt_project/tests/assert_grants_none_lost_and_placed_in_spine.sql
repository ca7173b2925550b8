{#- Every accepted grant reaches fct_grants once, and every placed grant joins the spine: its LSOA
    is in dim_lsoa21 (a relationships test) and its local authority is a known district. -#}
{% set grant_models = grant_staging_models() %}
with

accepted as (

    {% for model in grant_models %}
    select grant_id from {{ ref(model) }}
    {{ 'union' if not loop.last }}
    {% endfor %}

)

select 'accepted grant missing from fct_grants' as problem, grant_id
from accepted
where grant_id not in (select fct_grants.grant_id from {{ ref('fct_grants') }} as fct_grants)

union all

select 'placed in an unknown district' as problem, fct_grants.grant_id
from {{ ref('fct_grants') }} as fct_grants
where fct_grants.lad_code is not null
    and fct_grants.lad_code not in (
        select la_codes.lad_code from {{ ref('stg_drkane__la_all_codes') }} as la_codes
    )
