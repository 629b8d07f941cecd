-- grain: one row per model of the focus country in the window.
-- organizations as listed; domains as listed without `Multimodal`, which is the multimodal column.

with focus_models as (
    select *
    from window_models
    where array_contains(country_codes, '${focus_country}')
)

select
    release_year,
    model,
    organizations,
    filter(domains, d -> d <> 'Multimodal') as domains,
    multimodal,
    publication_date,
    '${focus_country}' as country_code
from focus_models
order by release_year, model
