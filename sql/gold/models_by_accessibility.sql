-- grain: one row per country code, release year of the window and accessibility group that has models.
-- Countries as in Table 1 (a co-developed model once for each of its countries); WLD counts each model once.
-- Groups (conf/reference/accessibility_groups.csv maps every vintage's labels): open_weights_unrestricted,
-- open_weights_restricted, open_weights_noncommercial, api_access, hosted_access, unreleased; an empty cell or an
-- unmapped label is unknown.

with model_groups as (
    select country_code, release_year, accessibility, model
    from window_model_countries
)

select
    country_code,
    release_year,
    accessibility,
    count(*) as models
from model_groups
group by country_code, release_year, accessibility
order by country_code <> 'WLD', country_code, release_year, accessibility
