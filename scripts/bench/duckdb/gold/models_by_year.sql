-- models_by_year: large-scale models released per year (sql/gold/models_by_year.sql).
-- grain: one row per release year of the window; years without models have 0.

with window_years as (
    select unnest(generate_series(${from_year}, ${to_year})) as release_year
),

per_year as (
    select
        release_year,
        count(distinct model) as models
    from models
    where release_year between ${from_year} and ${to_year}
    group by release_year
)

select
    window_years.release_year,
    coalesce(per_year.models, 0) as models
from window_years
left join per_year
    on window_years.release_year = per_year.release_year
order by release_year
