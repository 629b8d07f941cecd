-- grain: one row per country code and release year that has models.
-- A co-developed model counts once for each of its countries (the report's 중복).

with window_countries as (
    select model_countries.*
    from model_countries
    join window_years
        on model_countries.release_year = window_years.release_year
)

-- model_countries has one row per model and country code, so each row is a model of its country: no distinct to
-- count. The names go with the code (sql/silver/model_countries.sql), so grouping by them keeps one row per code.
select
    country_code,
    release_year,
    count(*) as models,
    count_if(codeveloped) as codeveloped_models,
    country_name_en,
    country_name_ko
from window_countries
group by country_code, release_year, country_name_en, country_name_ko
order by country_code, release_year
