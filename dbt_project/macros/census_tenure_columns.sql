{#- The Census tenure tables' columns under this project's names, shared by every geography level
    of a table so the levels cannot drift apart. Leaves (the non-nested categories) add up to the
    total in every row; the `_subtotal_` columns are the publisher's nested sums, kept only so tests
    can check them. -#}

{% macro census2021_ts054_tenure_columns() %}
        "Tenure of household: Total: All households" as total_households,
        "Tenure of household: Owned" as owned_subtotal_households,
        "Tenure of household: Owned: Owns outright" as owned_outright_households,
        "Tenure of household: Owned: Owns with a mortgage or loan" as owned_mortgage_households,
        "Tenure of household: Shared ownership" as shared_ownership_subtotal_households,
        "Tenure of household: Shared ownership: Shared ownership" as shared_ownership_households,
        "Tenure of household: Social rented" as social_rented_subtotal_households,
        "Tenure of household: Social rented: Rents from council or Local Authority"
            as social_rented_council_households,
        "Tenure of household: Social rented: Other social rented" as social_rented_other_households,
        "Tenure of household: Private rented" as private_rented_subtotal_households,
        "Tenure of household: Private rented: Private landlord or letting agency"
            as private_rented_landlord_households,
        "Tenure of household: Private rented: Other private rented"
            as private_rented_other_households,
        "Tenure of household: Lives rent free" as rent_free_households
{% endmacro %}

{% macro census2011_qs405ew_tenure_columns() %}
        "Tenure: All categories: Tenure; measures: Value" as total_households,
        "Tenure: Owned: Total; measures: Value" as owned_subtotal_households,
        "Tenure: Owned: Owned outright; measures: Value" as owned_outright_households,
        "Tenure: Owned: Owned with a mortgage or loan; measures: Value" as owned_mortgage_households,
        "Tenure: Shared ownership (part owned and part rented); measures: Value"
            as shared_ownership_households,
        "Tenure: Social rented: Total; measures: Value" as social_rented_subtotal_households,
        "Tenure: Social rented: Rented from council (Local Authority); measures: Value"
            as social_rented_council_households,
        "Tenure: Social rented: Other social rented; measures: Value"
            as social_rented_other_households,
        "Tenure: Private rented: Total; measures: Value" as private_rented_subtotal_households,
        "Tenure: Private rented: Private landlord or letting agency; measures: Value"
            as private_rented_landlord_households,
        "Tenure: Private rented: Employer of a household member; measures: Value"
            as private_rented_employer_households,
        "Tenure: Private rented: Relative or friend of household member; measures: Value"
            as private_rented_relative_households,
        "Tenure: Private rented: Other; measures: Value" as private_rented_other_households,
        "Tenure: Living rent free; measures: Value" as rent_free_households
{% endmacro %}

{#- The leaves as one sum, for the "parts equal the total" tests. -#}
{% macro census2021_ts054_leaf_sum() %}
    (owned_outright_households + owned_mortgage_households + shared_ownership_households
     + social_rented_council_households + social_rented_other_households
     + private_rented_landlord_households + private_rented_other_households
     + rent_free_households)
{% endmacro %}

{% macro census2011_qs405ew_leaf_sum() %}
    (owned_outright_households + owned_mortgage_households + shared_ownership_households
     + social_rented_council_households + social_rented_other_households
     + private_rented_landlord_households + private_rented_employer_households
     + private_rented_relative_households + private_rented_other_households
     + rent_free_households)
{% endmacro %}
