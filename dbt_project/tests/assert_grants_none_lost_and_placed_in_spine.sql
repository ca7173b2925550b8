{#- Every accepted grant reaches fct_grants once, and every placed grant joins the spine: its LSOA
    is in dim_lsoa21 (a relationships test) and its local authority is a known district. -#}
{% set grant_models = [
    'stg_grants__trafford__grants_360giving',
    'stg_grants__oxford__grants',
    'stg_grants__indigo_trust__grants_360giving',
    'stg_grants__lloyds_bank_foundation__grants_360giving',
    'stg_grants__nlcf__awards_for_all_2004_sample',
    'stg_grants__threesixtygiving__covid19_tracker_2020',
] %}
with

accepted as (

    {% for model in grant_models %}
    select grant_id from {{ ref(model) }}
    {{ 'union' if not loop.last }}
    {% endfor %}

)

select 'accepted grant missing from fct_grants' as problem, grant_id
from accepted
where grant_id not in (select grant_id from {{ ref('fct_grants') }})

union all

select 'placed in an unknown district', grant_id
from {{ ref('fct_grants') }}
where lad_code is not null
    and lad_code not in (select lad_code from {{ ref('stg_drkane__la_all_codes') }})
