-- grain: one row per country code, over the whole window. rank is a competition rank (1, 2, 3, 3, 5): ties share
-- a rank. A model has one release year, so a country's models over the window are the sum of its models per year.

with per_country as (
    select
        country_code,
        sum(models) as models,
        sum(codeveloped_models) as codeveloped_models,
        first(country_name_en) as country_name_en,
        first(country_name_ko) as country_name_ko
    from models_by_country_year
    group by country_code
),

ranked as (
    select
        *,
        rank() over (order by models desc) as rank
    from per_country
)

select
    country_code,
    models,
    codeveloped_models,
    rank,
    country_name_en,
    country_name_ko
from ranked
order by rank, country_code
