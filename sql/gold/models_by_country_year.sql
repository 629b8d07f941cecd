-- grain: one row per country code and release year that has models.
-- A co-developed model counts once for each of its countries (the report's 중복).

with window_countries as (
    select model_countries.*
    from model_countries
    join window_years
        on model_countries.release_year = window_years.release_year
)

select
    country_code,
    release_year,
    count(distinct model) as models,
    count(distinct case when codeveloped then model end) as codeveloped_models,
    first(country_name_en) as country_name_en,
    first(country_name_ko) as country_name_ko
from window_countries
group by country_code, release_year
order by country_code, release_year
