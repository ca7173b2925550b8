with

tenure_2021 as (

    select * from {{ ref('stg_ons__census2021_ts054_msoa') }}

),

tenure_2011 as (

    select * from {{ ref('int_msoa21_tenure_2011_converted') }}

),

msoa_places as (

    -- An MSOA lies in one LAD (ONS builds MSOAs within LAD boundaries).
    select
        msoa21_code,
        any_value(lad23_code order by lsoa21_code) as lad23_code,
        any_value(lad23_name order by lsoa21_code) as lad23_name,
        any_value(rgn_name order by lsoa21_code) as rgn_name,
        count(*) as lsoa21_count
    from {{ ref('dim_lsoa21') }}
    group by msoa21_code

),

shares_2021 as (

    select msoa21_code, msoa21_name, total_households, {{ tenure_pct_columns('_2021') }}
    from tenure_2021

),

shares_2011 as (

    select msoa21_code, msoa_change_method, total_households, {{ tenure_pct_columns('_2011') }}
    from tenure_2011

),

final as (

    select
        shares_2021.msoa21_code,
        shares_2021.msoa21_name,
        msoa_places.lad23_code,
        msoa_places.lad23_name,
        msoa_places.rgn_name,
        msoa_places.lsoa21_count,
        shares_2011.msoa_change_method,
        shares_2011.total_households as households_2011,
        shares_2021.total_households as households_2021,
        {%- for name in tenure_pct_names() %}
        shares_2011.{{ name }}_2011,
        shares_2021.{{ name }}_2021,
        shares_2021.{{ name }}_2021 - shares_2011.{{ name }}_2011
            as {{ name | replace('_pct', '') }}_change_pp{{ ',' if not loop.last }}
        {%- endfor %}
    from shares_2021
    left join shares_2011 on shares_2021.msoa21_code = shares_2011.msoa21_code
    left join msoa_places on shares_2021.msoa21_code = msoa_places.msoa21_code

)

select * from final
