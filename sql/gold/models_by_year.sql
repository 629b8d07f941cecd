-- grain: one row per release year of the window; years without models have 0.

with per_year as (
    select
        release_year,
        -- window_models has one row per model (names are unique: sql/quality/model_names_unique.sql): no distinct to count
        count(*) as models
    from window_models
    group by release_year
)

select
    window_years.release_year,
    coalesce(per_year.models, 0) as models
from window_years
left join per_year
    on window_years.release_year = per_year.release_year
order by release_year
