{#- Where the pressures coincide: for each neighbourhood, how many of the five pressures are in the
    worst fifth of England's neighbourhoods and which; whether it is both in the composite's worst
    decile and in the weakest decile of social infrastructure ("pressured and under-served"); and
    the same for each ward and district of May 2024, the areas councillors and community groups
    work in, and for England. An area faces a pressure when more than half of its residents live
    in neighbourhoods in that pressure's worst quintile. Beside each area, the grant money placed
    in it by the funders whose files cover all of England (catalog coverage_codes), per head.
    England only: the composite needs every pressure, and some are measured in England only. -#}
{%- set pressures = pressure_indicators() | map(attribute='pressure') | unique | list %}
{%- set national_sources = [] %}
{%- for source_id, codes in source_coverage().items() %}
    {%- if codes | select('in', ['E92000001', 'K02000001', 'K03000001', 'K04000001']) | list %}
        {%- do national_sources.append(source_id) %}
    {%- endif %}
{%- endfor %}
with

pressures as (

    select * from {{ ref('fct_lsoa21_pressures') }}
    where composite_rank is not null

),

social_infrastructure as (

    {%- set ranked = 'count(social_infrastructure_rank) over ()' %}
    select
        lsoa21_code,
        {{ rank_to_decile('social_infrastructure_rank', ranked) }} as social_infrastructure_decile
    from {{ ref('fct_lsoa21_social_infrastructure') }}
    where social_infrastructure_rank is not null

),

national_grants as (

    -- Funders whose files list every grant they made anywhere in England.
    select lsoa21_code, sum(amount_gbp) as grants_gbp
    from {{ ref('fct_grants') }}
    where
        list_contains({{ national_sources }}, source_id)
        and lsoa21_code like 'E01%'
    group by lsoa21_code

),

lsoas as (

    select
        pressures.lsoa21_code,
        pressures.lsoa21_name,
        geography.ward24_code,
        geography.ward24_name,
        geography.lad24_code,
        geography.lad24_name,
        residents.usual_residents,
        {%- for pressure in pressures %}
        coalesce(pressures.{{ pressure }}_decile <= 2, false) as faces_{{ pressure }},
        {%- endfor %}
        pressures.pressures_in_worst_quintile,
        pressures.worst_quintile_pressures,
        pressures.composite_decile,
        social_infrastructure.social_infrastructure_decile,
        coalesce(
            pressures.composite_decile = 1
            and social_infrastructure.social_infrastructure_decile = 1,
            false
        ) as is_pressured_and_under_served,
        coalesce(national_grants.grants_gbp, 0) as national_funder_grants_gbp
    from pressures
    inner join {{ ref('dim_lsoa21') }} as geography
        on pressures.lsoa21_code = geography.lsoa21_code
    inner join {{ ref('int_lsoa21_residents') }} as residents
        on pressures.lsoa21_code = residents.lsoa21_code
    left join social_infrastructure
        on pressures.lsoa21_code = social_infrastructure.lsoa21_code
    left join national_grants on pressures.lsoa21_code = national_grants.lsoa21_code

),

{%- set levels = [
    ('ward24', 'ward24_code', 'ward24_name', 'lad24_code', 'lad24_name'),
    ('lad24', 'lad24_code', 'lad24_name', 'lad24_code', 'lad24_name'),
    ('ctry', "'E92000001'", "'England'", 'null', 'null'),
] %}
{%- for level, code, name, district_code, district_name in levels %}

{{ level }}_shares as (

    select
        '{{ level }}' as area_level,
        {{ code }} as area_code,
        min({{ name }}) as area_name,
        min({{ district_code }}) as district_code,
        min({{ district_name }}) as district_name,
        count(*) as lsoa_count,
        sum(usual_residents) as usual_residents,
        {%- for pressure in pressures %}
        sum(usual_residents) filter (where faces_{{ pressure }}) / sum(usual_residents)
            as {{ pressure }}_share,
        {%- endfor %}
        count(*) filter (where pressures_in_worst_quintile >= 3) as lsoas_with_3plus_pressures,
        100.0 * coalesce(sum(usual_residents) filter (where pressures_in_worst_quintile >= 3), 0)
        / sum(usual_residents) as residents_with_3plus_pressures_pct,
        count(*) filter (where is_pressured_and_under_served) as pressured_and_under_served_lsoas,
        sum(national_funder_grants_gbp) as national_funder_grants_gbp
    from lsoas
    group by {{ code }}

),
{%- endfor %}

areas as (

    {%- for level in levels %}
    select * from {{ level[0] }}_shares
    {{ 'union all' if not loop.last }}
    {%- endfor %}

),

areas_counted as (

    select
        *,
        cast(
            {%- for pressure in pressures %}
            coalesce(({{ pressure }}_share > 0.5)::int, 0){{ ' +' if not loop.last }}
            {%- endfor %}
            as integer
        ) as pressures_faced,
        nullif(concat_ws(
            ', ',
            {%- for pressure in pressures %}
            case when {{ pressure }}_share > 0.5 then '{{ pressure }}' end
            {{- ',' if not loop.last }}
            {%- endfor %}
        ), '') as pressures_faced_names
    from areas

),

final as (

    select
        'lsoa21' as area_level,
        lsoa21_code as area_code,
        lsoa21_name as area_name,
        ward24_code,
        ward24_name,
        lad24_code,
        lad24_name,
        1 as lsoa_count,
        cast(usual_residents as bigint) as usual_residents,
        cast(pressures_in_worst_quintile as integer) as pressures_faced,
        worst_quintile_pressures as pressures_faced_names,
        composite_decile,
        social_infrastructure_decile,
        is_pressured_and_under_served,
        cast(cast((pressures_in_worst_quintile >= 3) as int) as bigint)
            as lsoas_with_3plus_pressures,
        case when pressures_in_worst_quintile >= 3 then 100.0 else 0.0 end
            as residents_with_3plus_pressures_pct,
        cast(cast(is_pressured_and_under_served as int) as bigint)
            as pressured_and_under_served_lsoas,
        national_funder_grants_gbp,
        national_funder_grants_gbp / nullif(usual_residents, 0)
            as national_funder_grants_per_head_gbp
    from lsoas
    union all
    select
        area_level,
        area_code,
        area_name,
        case when area_level = 'ward24' then area_code end as ward24_code,
        case when area_level = 'ward24' then area_name end as ward24_name,
        district_code as lad24_code,
        district_name as lad24_name,
        cast(lsoa_count as integer) as lsoa_count,
        cast(usual_residents as bigint) as usual_residents,
        pressures_faced,
        pressures_faced_names,
        null as composite_decile,
        null as social_infrastructure_decile,
        null as is_pressured_and_under_served,
        lsoas_with_3plus_pressures,
        residents_with_3plus_pressures_pct,
        pressured_and_under_served_lsoas,
        national_funder_grants_gbp,
        national_funder_grants_gbp / nullif(usual_residents, 0)
            as national_funder_grants_per_head_gbp
    from areas_counted

)

select * from final
