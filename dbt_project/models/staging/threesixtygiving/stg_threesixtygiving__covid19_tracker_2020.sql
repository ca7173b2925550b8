{{ stg_grants('threesixtygiving__covid19_tracker_2020') }}
