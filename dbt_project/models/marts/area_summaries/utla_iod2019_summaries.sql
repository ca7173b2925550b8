{#- The IoD2019 summaries for today's upper-tier local authorities (counties and unitary
    authorities, through the LA codes file): File 11's measures on current boundaries, so
    reorganised councils such as North Yorkshire or Cumberland have a row. -#}
with

measures as (

    {{ iod_summaries_wide('utla') }}

),

names as (

    select utla_code, min(utla_name) as utla_name
    from {{ ref('stg_drkane__la_all_codes') }}
    where utla_code is not null
    group by utla_code

),

final as (

    select
        measures.area_code as utla_code,
        names.utla_name,
        measures.* exclude (area_code)  -- noqa: RF02
    from measures
    inner join names on measures.area_code = names.utla_code

)

select * from final
