{#- Census 2011 tenure (QS405EW, MSOA 2011) moved to MSOA 2021: each 2011 count is shared between
    the 2021 MSOAs by int_msoa11_to_msoa21_weighted.msoa11_share and summed, so unchanged MSOAs keep
    their published counts exactly and merged ones add up. 2011's categories are mapped to 2021's:
    private renting from a landlord or letting agency stays itself; renting from an employer, a
    relative or friend, or 'other' is 2021's 'other private rented'. -#}
with

tenure_2011 as (

    select * from {{ ref('stg_ons__census2011_qs405ew_msoa') }}

),

msoa_pairs as (

    select * from {{ ref('int_msoa11_to_msoa21_weighted') }}

),

final as (

    select
        msoa_pairs.msoa21_code,
        case
            when count(distinct msoa_pairs.msoa_change_method) = 1
                then any_value(msoa_pairs.msoa_change_method)
            else 'complex'
        end as msoa_change_method,
        count(*) as msoa11_count,
        {%- for column in [
            'total_households', 'owned_outright_households', 'owned_mortgage_households',
            'shared_ownership_households', 'social_rented_council_households',
            'social_rented_other_households', 'private_rented_landlord_households',
            'rent_free_households'] %}
        sum(tenure_2011.{{ column }} * msoa_pairs.msoa11_share) as {{ column }},
        {%- endfor %}
        sum(
            (tenure_2011.private_rented_employer_households
             + tenure_2011.private_rented_relative_households
             + tenure_2011.private_rented_other_households)
            * msoa_pairs.msoa11_share
        ) as private_rented_other_households
    from msoa_pairs
    inner join tenure_2011 on msoa_pairs.msoa11_code = tenure_2011.msoa11_code
    group by msoa_pairs.msoa21_code

)

select * from final
