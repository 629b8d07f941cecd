-- multimodal_by_year: multimodal models per year (report Fig. 3).
-- grain: one row per release year of the window; years without multimodal models have 0.

with window_years as (
    select explode(sequence(${from_year}, ${to_year})) as release_year
),

multimodal_models as (
    select model, release_year
    from models
    where multimodal
      and release_year between ${from_year} and ${to_year}
),

per_year as (
    select
        release_year,
        count(distinct model) as models
    from multimodal_models
    group by release_year
)

select
    window_years.release_year,
    coalesce(per_year.models, 0) as models
from window_years
left join per_year
    on window_years.release_year = per_year.release_year
order by release_year
