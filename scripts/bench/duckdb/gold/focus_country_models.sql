-- focus_country_models: the models of one country (sql/gold/focus_country_models.sql).
-- grain: one row per model of the focus country in the window.

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
    list_filter(models.domains, lambda d: d <> 'Multimodal') as domains,
    models.multimodal,
    models.publication_date,
    '${focus_country}' as country_code
from models
join focus_models
    on models.model = focus_models.model
order by release_year, model
