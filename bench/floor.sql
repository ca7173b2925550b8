-- The floor for bench/refresh.py: the least work that builds fct_lsoa21_deprivation from the same
-- files, by hand, in one DuckDB script (no checks, no provenance, no orchestration).
-- ${DATA} is replaced by the folder of the real files.
create or replace table file1 as
select * from read_xlsx('${DATA}/iod2019/File_1_-_IMD2019_Index_of_Multiple_Deprivation.xlsx', sheet = 'IMD2019');
create or replace table file2 as
select * from read_csv('${DATA}/iod2019/File_2_-_IoD2019_Domains_of_Deprivation.csv.gz', header = true);
create or replace table file3 as
select * from read_xlsx('${DATA}/iod2019/File_3_-_IoD2019_Supplementary_Indices_-_IDACI_and_IDAOPI.xlsx', sheet = 'IoD2019 IDACI & IDAOPI');
create or replace table file6 as
select * from read_xlsx('${DATA}/iod2019/File_6_-_IoD2019_Population_Denominators.xlsx', sheet = 'Population Denominators');
create or replace table file9 as
select * from read_xlsx('${DATA}/iod2019/File_9_-_IoD2019_Transformed_Scores.xlsx', sheet = 'IoD2019 Transformed Scores');
create or replace table lookup as
select * from read_csv('${DATA}/lookups/LSOA_2011_to_LSOA_2021_Lookup_E_W.csv', header = true, encoding = 'latin-1');

create or replace table lsoa11 as
select
    f1."LSOA code (2011)" as lsoa11_code,
    f1."Index of Multiple Deprivation (IMD) Rank" as imd_rank,
    f2."Income Rank (where 1 is most deprived)" as income_rank,
    f3."Income Deprivation Affecting Children Index (IDACI) Rank (where 1 is most deprived)" as idaci_rank,
    f6."Total population: mid 2015 (excluding prisoners)" as population,
    0.225 * f9."Income Score - exponentially transformed"
      + 0.225 * f9."Employment Score - exponentially transformed"
      + 0.135 * f9."Education Score - exponentially transformed"
      + 0.135 * f9."Health Score - exponentially transformed"
      + 0.093 * f9."Crime Score - exponentially transformed"
      + 0.093 * f9."Barriers Score - exponentially transformed"
      + 0.093 * f9."Living Environment Score - exponentially transformed" as imd_score
from file1 f1
join file2 f2 on f2."LSOA code (2011)" = f1."LSOA code (2011)"
join file3 f3 on f3."LSOA code (2011)" = f1."LSOA code (2011)"
join file6 f6 on f6."LSOA code (2011)" = f1."LSOA code (2011)"
join file9 f9 on f9."LSOA code (2011)" = f1."LSOA code (2011)";

create or replace table pairs as
select "LSOA11CD" as lsoa11_code, "LSOA21CD" as lsoa21_code, "CHGIND" as chgind,
       1.0 / count(*) over (partition by "LSOA11CD") as share
from lookup where "LSOA21CD" like 'E%';

create or replace table converted as
select p.lsoa21_code, any_value(p.chgind) as chgind,
       sum(l.population * p.share * l.imd_score) / sum(l.population * p.share) as imd_score,
       sum(l.population * p.share) as population,
       max(l.imd_rank) as published_rank
from pairs p join lsoa11 l using (lsoa11_code)
group by p.lsoa21_code;

-- A rebuilt score's rank among the 32,844 LSOA 2011 scores: 1 + how many are higher, found by an
-- as-of join on the scores in order (a correlated count would compare every pair).
create or replace table lsoa11_in_order as
select imd_score, count(*) over (order by imd_score) as at_or_below from lsoa11;

create or replace table fct_lsoa21_deprivation as
select c.lsoa21_code, c.chgind, c.imd_score, c.population,
       case when c.chgind in ('U', 'S') then c.published_rank
            else 1 + (select count(*) from lsoa11) - coalesce(o.at_or_below, 0) end as imd_rank
from converted c
asof left join lsoa11_in_order o on c.imd_score >= o.imd_score;

select count(*) as fct_lsoa21_deprivation_rows from fct_lsoa21_deprivation;
