{#- Every indicator published so far, wide, one row per LSOA 2021 (England and Wales), each value
    beside a status saying where it comes from, so no null is silent:
      observed           measured for this LSOA 2021;
      converted_split    from the 2011 LSOA it was split from (LSOA 2011 -> 2021 lookup);
      converted_merged   from the 2011 LSOAs merged into it (population-weighted);
      converted_complex  from a complex 2011 -> 2021 change;
      from_msoa          the value of the LSOA's MSOA (2021);
      from_la            the value of the LSOA's local authority (district or library authority);
      modelled           a score combining LSOA and local authority values;
      missing            no value: the source does not cover the LSOA (e.g. England-only indices in
                         Wales, assets where no postcode directory is loaded).
    The status is derived from the value's own lineage; a test checks that a value is null exactly
    when its status is 'missing'. -#}
{% set conversion = "case deprivation_geography_method when 'unchanged' then 'observed'
    when 'split' then 'converted_split' when 'merged' then 'converted_merged'
    when 'complex' then 'converted_complex' end" %}
{% set indicators = [
    ('imd2019_rank', conversion),
    ('imd2019_decile', conversion),
    ('imd2019_score', conversion),
    ('imd2025_rank', "'observed'"),
    ('imd2025_decile', "'observed'"),
    ('imd_decile_change_2019_2025', conversion),
    ('households', "'observed'"),
    ('private_rented_pct', "'observed'"),
    ('social_rented_pct', "'observed'"),
    ('owned_pct', "'observed'"),
    ('private_rented_change_pp', "'from_msoa'"),
    ('moved_in_last_year_per_1k', "'observed'"),
    ('arrived_in_uk_under_5y_pct', "'observed'"),
    ('transience_score', "'observed'"),
    ('nearest_open_library_km', "'observed'"),
    ('gp_practices', "'observed'"),
    ('libraries_2023', "'observed'"),
    ('charities', "'observed'"),
    ('library_authority_libraries_per_10k', "'from_la'"),
    ('lad_pubs_2018_per_10k', "'from_la'"),
    ('lad_pubs_change_2001_2018_pct', "'from_la'"),
    ('social_infrastructure_score', "'modelled'"),
    ('grants', "'observed'"),
    ('grants_amount_gbp', "'observed'"),
] %}
with

indicators as (

    select * from {{ ref('int_lsoa21_indicators') }}

),

final as (

    select
        lsoa21_code,
        lsoa21_name,
        msoa21_code,
        ward19_code,
        lad23_code,
        lad23_name,
        utla23_code,
        rgn_name,
        ctry_name,
        usual_residents,
        {%- for name, status in indicators %}
        {{ name }},
        case when {{ name }} is null then 'missing' else {{ status }} end as {{ name }}_status
        {{- ',' if not loop.last }}
        {%- endfor %}
    from indicators

)

select * from final
