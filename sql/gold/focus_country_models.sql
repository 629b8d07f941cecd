-- focus_country_models: the models of one country (report Table 2; --focus-country, default KOR).
-- grain: one row per model of the focus country in the window.
-- organizations as listed; domains as listed without `Multimodal`, which is the multimodal column.

with focus_models as (
    select distinct model
    from model_countries
    where country_code = '${focus_country}'
      and release_year between ${from_year} and ${to_year}
)

select
    models.release_year,
    models.model,
    models.organizations,
    filter(models.domains, d -> d <> 'Multimodal') as domains,
    models.multimodal,
    models.publication_date,
    '${focus_country}' as country_code
from models
join focus_models
    on models.model = focus_models.model
order by release_year, model
