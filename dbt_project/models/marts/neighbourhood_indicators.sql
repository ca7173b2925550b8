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
                         Wales, assets where no postcode directory is loaded);
      not_covered        (grants) no loaded grant file accounts for everything given here, so
                         there is no value, not a zero;
      partly_placed      (grants) the files covering the LSOA account for everything given here,
                         but part of their money names no place finer than a district (or none),
                         so the value counts the part placed here and is a lower bound.
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
] %}
{%- set coverage = source_coverage() %}
with

indicators as (

    select * from {{ ref('int_lsoa21_indicators') }}

),

geography as (

    select * from {{ ref('dim_lsoa21') }}

),

grant_sources as (

    -- Each loaded grant file and whether all its money was placed in an LSOA.
    select source_id, bool_and(lsoa21_code is not null) as all_placed_in_lsoas
    from {{ ref('fct_grants') }}
    group by source_id

),

covering_sources as (

    -- The grant files that account for everything given in each LSOA (catalog coverage_codes).
    {%- for source_id, codes in coverage.items() %}
    select geography.lsoa21_code, grant_sources.all_placed_in_lsoas
    from geography
    inner join grant_sources on grant_sources.source_id = '{{ source_id }}'
    where list_has_any(
        {{ codes }},
        [
            geography.lad22_code, geography.lad23_code, geography.lad24_code,
            geography.utla23_code, geography.rgn_code, geography.ctry_code,
            'K02000001', 'K03000001', 'K04000001'
        ]
    )
    {{ 'union all' if not loop.last }}
    {%- endfor %}
    {%- if not coverage %}
    select null::varchar as lsoa21_code, null::boolean as all_placed_in_lsoas where false
    {%- endif %}

),

grant_coverage as (

    select
        lsoa21_code,
        case when bool_and(all_placed_in_lsoas) then 'observed' else 'partly_placed' end
            as grants_status
    from covering_sources
    group by lsoa21_code

),

final as (

    select
        indicators.lsoa21_code,
        indicators.lsoa21_name,
        indicators.msoa21_code,
        indicators.ward19_code,
        indicators.lad23_code,
        indicators.lad23_name,
        geography.lad24_code,
        geography.lad24_name,
        indicators.utla23_code,
        indicators.rgn_name,
        indicators.ctry_name,
        indicators.usual_residents,
        {%- for name, status in indicators %}
        indicators.{{ name }},
        case when indicators.{{ name }} is null then 'missing' else {{ status }} end
            as {{ name }}_status,
        {%- endfor %}
        {%- for name in ['grants', 'grants_amount_gbp'] %}
        case when grant_coverage.grants_status is not null then indicators.{{ name }} end
            as {{ name }},
        coalesce(grant_coverage.grants_status, 'not_covered') as {{ name }}_status
        {{- ',' if not loop.last }}
        {%- endfor %}
    from indicators
    left join geography on indicators.lsoa21_code = geography.lsoa21_code
    left join grant_coverage on indicators.lsoa21_code = grant_coverage.lsoa21_code

)

select * from final
