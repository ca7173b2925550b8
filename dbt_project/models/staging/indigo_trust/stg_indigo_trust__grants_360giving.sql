{{ stg_grants('indigo_trust__grants_360giving') }}
