{#- Every indicator of the five pressures per LSOA 2021, wide, each with its status: the values the
    composite (fct_lsoa21_pressures) is built from, in their own units, for England and Wales.
    Beside them, as context only and read by no score: the ethnic and religious diversity indices
    and the districts' dissimilarity indices. GP practices are shown where they can be placed, not
    scored: a practice is placed only through the postcode directory, which offline covers a few
    districts, so a score would rank the rest of England on missing values. -#}
{%- set indicators = pressure_indicators() %}
with

lsoas as (

    select * from {{ ref('dim_lsoa21') }}

),

values_long as (

    select * from {{ ref('int_lsoa21_pressure_indicator_values') }}

),

census_context as (

    select * from {{ ref('int_lsoa21_census_pressure_indicators') }}

),

district_context as (

    select * from {{ ref('int_lsoa21_district_pressure_indicators') }}

),

social_infrastructure as (

    select lsoa21_code, gp_practices from {{ ref('fct_lsoa21_social_infrastructure') }}

),

wide as (

    select
        lsoa21_code,
        {%- for entry in indicators %}
        cast(
            max(indicator_value) filter (where indicator = '{{ entry.indicator }}')
            as {{ entry.get('data_type', 'double') }}
        ) as {{ entry.indicator }},
        max(value_status) filter (where indicator = '{{ entry.indicator }}')
            as {{ entry.indicator }}_status{{ ',' if not loop.last }}
        {%- endfor %}
    from values_long
    group by lsoa21_code

),

final as (

    select
        lsoas.lsoa21_code,
        lsoas.lsoa21_name,
        lsoas.ward24_code,
        lsoas.ward24_name,
        lsoas.lad23_code,
        lsoas.lad23_name,
        lsoas.lad24_code,
        lsoas.lad24_name,
        lsoas.ctry_name,
        {%- for entry in indicators %}
        wide.{{ entry.indicator }},
        coalesce(wide.{{ entry.indicator }}_status, 'missing') as {{ entry.indicator }}_status,
        {%- endfor %}
        census_context.ethnic_diversity_index,
        census_context.religious_diversity_index,
        district_context.ethnic_dissimilarity_index,
        district_context.religious_dissimilarity_index,
        social_infrastructure.gp_practices,
        case when social_infrastructure.gp_practices is null then 'missing' else 'observed' end
            as gp_practices_status
    from lsoas
    left join wide on lsoas.lsoa21_code = wide.lsoa21_code
    left join census_context on lsoas.lsoa21_code = census_context.lsoa21_code
    left join district_context on lsoas.lsoa21_code = district_context.lsoa21_code
    left join social_infrastructure on lsoas.lsoa21_code = social_infrastructure.lsoa21_code

)

select * from final
