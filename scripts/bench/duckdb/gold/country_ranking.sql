-- country_ranking: countries ranked by models over the whole window (sql/gold/country_ranking.sql).
-- grain: one row per country code. rank is a competition rank (1, 2, 3, 3, 5).

with window_countries as (
    select *
    from model_countries
    where release_year between ${from_year} and ${to_year}
),

per_country as (
    select
        country_code,
        count(distinct model) as models,
        count(distinct case when codeveloped then model end) as codeveloped_models,
        first(country_name_en) as country_name_en,
        first(country_name_ko) as country_name_ko
    from window_countries
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
