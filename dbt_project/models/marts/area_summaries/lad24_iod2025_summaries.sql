{#- IoD2025 by local authority district (2024): the proportion of each district's LSOAs in
    England's most deprived 10% (as File 10 publishes it, from File 1's deciles), beside the same
    LSOAs' proportion under IoD2019 (their 2019 deciles converted to LSOA 2021), so the change
    since 2019 compares like with like. File 1 has ranks but no population weights, so the other
    summary measures need File 6 of IoD2025 (an optional source) and are not computed here. -#}
with

lsoas as (

    select * from {{ ref('fct_lsoa21_deprivation') }}

),

districts as (

    select
        lsoas.lad24_code,
        min(imd2025.lad24_name) as lad24_name,
        count(*) as lsoa_count,
        avg(case when lsoas.imd2025_decile = 1 then 1.0 else 0.0 end)
            as imd2025_most_deprived_10pct_share,
        avg(case when lsoas.imd2019_decile = 1 then 1.0 else 0.0 end)
            as imd2019_most_deprived_10pct_share,
        count(*) filter (where lsoas.geography_method <> 'unchanged') as lsoas_converted_from_2011
    from lsoas
    inner join {{ ref('stg_mhclg__iod2025_imd') }} as imd2025 using (lsoa21_code)
    group by lsoas.lad24_code

),

final as (

    select
        lad24_code,
        lad24_name,
        lsoa_count,
        round(imd2025_most_deprived_10pct_share, 4) as imd2025_most_deprived_10pct_share,
        rank() over (order by imd2025_most_deprived_10pct_share desc)
            as imd2025_most_deprived_10pct_share_rank,
        round(imd2019_most_deprived_10pct_share, 4) as imd2019_most_deprived_10pct_share,
        rank() over (order by imd2019_most_deprived_10pct_share desc)
            as imd2019_most_deprived_10pct_share_rank,
        round(
            100 * (imd2025_most_deprived_10pct_share - imd2019_most_deprived_10pct_share),
            2
        ) as most_deprived_10pct_change_2019_2025_pp,
        lsoas_converted_from_2011
    from districts

)

select * from final
