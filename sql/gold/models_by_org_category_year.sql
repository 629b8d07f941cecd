-- grain: one row per category and release year that has models. A model with organizations in two
-- categories counts in both.

with window_categories as (
    select model_org_categories.model, model_org_categories.release_year, model_org_categories.org_category
    from model_org_categories
    join window_years
        on model_org_categories.release_year = window_years.release_year
)

select
    org_category,
    release_year,
    -- model_org_categories has one row per model and category: no distinct to count
    count(*) as models
from window_categories
group by org_category, release_year
order by org_category, release_year
