{#- Tenure shares (percent of households) from the non-nested categories, so the parts of a row
    add up to 100: owned + shared ownership + social rented + private rented + rent free. Social
    renting is council + other social landlords together, as ONS advises (households misreport
    which kind of social landlord they rent from). -#}
{% macro tenure_pct_columns(suffix='') %}
        100.0 * (owned_outright_households + owned_mortgage_households)
            / nullif(total_households, 0) as owned_pct{{ suffix }},
        100.0 * owned_outright_households / nullif(total_households, 0)
            as owned_outright_pct{{ suffix }},
        100.0 * owned_mortgage_households / nullif(total_households, 0) as mortgage_pct{{ suffix }},
        100.0 * shared_ownership_households / nullif(total_households, 0)
            as shared_ownership_pct{{ suffix }},
        100.0 * (social_rented_council_households + social_rented_other_households)
            / nullif(total_households, 0) as social_rented_pct{{ suffix }},
        100.0 * (private_rented_landlord_households + private_rented_other_households)
            / nullif(total_households, 0) as private_rented_pct{{ suffix }},
        100.0 * rent_free_households / nullif(total_households, 0) as rent_free_pct{{ suffix }}
{% endmacro %}

{% macro tenure_pct_names() %}
    {{ return(['owned_pct', 'owned_outright_pct', 'mortgage_pct', 'shared_ownership_pct',
               'social_rented_pct', 'private_rented_pct', 'rent_free_pct']) }}
{% endmacro %}
