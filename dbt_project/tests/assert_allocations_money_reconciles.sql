{#- Every pound of every allocation file reaches fct_lad_allocations, matched or not. -#}
with

published as (

    select programme, count(*) as awards, sum(amount_gbp) as amount_gbp
    from {{ ref('stg_acearts__culture_recovery_fund') }} group by programme
    union all
    select programme, count(*) as awards, sum(amount_gbp) as amount_gbp
    from {{ ref('stg_acearts__project_grants_2019_20') }} group by programme

),

mart as (

    select programme, sum(awards) as awards, sum(amount_gbp) as amount_gbp
    from {{ ref('fct_lad_allocations') }} group by programme

)

select published.*, mart.awards as mart_awards, mart.amount_gbp as mart_amount_gbp
from published
full outer join mart on published.programme = mart.programme
where published.awards is distinct from mart.awards
    or abs(coalesce(published.amount_gbp, 0) - coalesce(mart.amount_gbp, 0)) > 0.005
