{#- One postcode directory from the two sources that can supply it: the ONS Postcode Directory
    (the whole UK, online) and the Trafford subset (offline). Where both have a postcode, ONSPD wins.
    A view, not a table: online, ONSPD's 2.7 million rows are not worth a second copy. -#}
{{ config(materialized='view') }}

with

onspd as (

    select *, 'ons__postcode_directory' as source_id
    from {{ ref('stg_ons__postcode_directory') }}

),

trafford as (

    select *, 'trafforddatalab__trafford_postcodes' as source_id
    from {{ ref('stg_trafforddatalab__trafford_postcodes') }}

),

unioned as (

    select *, 1 as preference from onspd
    union all by name
    select *, 2 as preference from trafford

),

ranked as (

    select
        *,
        row_number() over (partition by postcode order by preference) as copy_order
    from unioned

),

final as (

    select * exclude (preference, copy_order)
    from ranked
    where copy_order = 1

)

select * from final
