{{ stg_grants('nlcf__awards_for_all_2004_sample') }}
