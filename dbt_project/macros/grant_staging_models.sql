{#- The staging model of every 360Giving source in ingest/catalog_funding.py, in catalog order (the
    order breaks ties when the same grant is published twice). A test keeps the two in step. -#}
{% macro grant_staging_models() %}
    {{ return([
        'stg_grants__trafford__grants_360giving',
        'stg_grants__oxford__grants',
        'stg_grants__indigo_trust__grants_360giving',
        'stg_grants__lloyds_bank_foundation__grants_360giving',
        'stg_grants__nlcf__awards_for_all_2004_sample',
        'stg_grants__threesixtygiving__covid19_tracker_2020',
    ]) }}
{% endmacro %}
