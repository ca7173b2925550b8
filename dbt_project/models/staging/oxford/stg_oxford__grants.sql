{{ stg_grants('oxford__grants') }}
