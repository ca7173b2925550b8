{#- Every accepted grant of every 360Giving file, once. The same grant can be published twice (a
    funder's own file and a multi-funder extract such as the COVID-19 tracker): by 360Giving rules
    an Identifier names one grant, so the copy modified last is kept (ties: the source listed first
    in the catalog) and the others are counted, not summed. -#}
{% set grant_models = grant_staging_models() %}
with

unioned as (

    {% for model in grant_models %}
    select *, {{ loop.index }} as source_order from {{ ref(model) }}
    {{ 'union all' if not loop.last }}
    {% endfor %}

),

ranked as (

    select
        *,
        count(*) over (partition by grant_id) as published_copies,
        row_number() over (
            partition by grant_id
            order by last_modified desc nulls last, source_order asc, source_row_number asc
        ) as copy_order
    from unioned

)

select * exclude (copy_order, source_order)
from ranked
where copy_order = 1
