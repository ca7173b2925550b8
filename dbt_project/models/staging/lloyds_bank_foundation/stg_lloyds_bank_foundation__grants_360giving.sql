{{ stg_grants('lloyds_bank_foundation__grants_360giving') }}
