{#- The IoD2019 local authority district summaries (File 10), reproduced from the LSOA files: 317
    districts of 2019. Method: macro iod_summary_measures (Technical Report, Appendix N). -#}
with

measures as (

    {{ iod_summaries_wide('lad19') }}

),

names as (

    select distinct lad19_code, lad19_name from {{ ref('stg_mhclg__iod2019_imd') }}

),

final as (

    select
        measures.area_code as lad19_code,
        names.lad19_name,
        measures.* exclude (area_code)  -- noqa: RF02
    from measures
    inner join names on measures.area_code = names.lad19_code

)

select * from final
