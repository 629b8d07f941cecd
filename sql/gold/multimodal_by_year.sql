-- grain: one row per release year of the window; years without multimodal models have 0.

with multimodal_models as (
    select model, release_year
    from window_models
    where multimodal
),

per_year as (
    select
        release_year,
        -- one row per model, as in window_models
        count(*) as models
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
