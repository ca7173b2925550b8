{{ stg_grants('trafford__grants_360giving') }}
