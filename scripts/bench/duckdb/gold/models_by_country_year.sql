-- models_by_country_year: models per country and year, with the co-developed ones (sql/gold/models_by_country_year.sql).
-- grain: one row per country code and release year that has models.

with window_countries as (
    select *
    from model_countries
    where release_year between ${from_year} and ${to_year}
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
