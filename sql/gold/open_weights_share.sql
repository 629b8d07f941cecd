-- grain: one row per country code with models in the window, and WLD (all countries, each model once).
-- Countries as in Table 1. open_weights_models: the models of the three open-weights groups (unrestricted, restricted
-- use, non-commercial; see models_by_accessibility) against all the country's models, unknown ones included.
-- open_weights_share_pct: percent with 1 decimal, halves rounded up, computed exactly in integers:
-- round(100 * open / models, 1) = floor((2000 * open + models) / (2 * models)) / 10 (no binary fraction is rounded).

with per_country as (
    select
        country_code,
        count(*) as models,
        count_if(accessibility in ('open_weights_unrestricted', 'open_weights_restricted', 'open_weights_noncommercial'))
            as open_weights_models
    from window_model_countries
    group by country_code
)

select
    country_code,
    models,
    open_weights_models,
    ((2000 * open_weights_models + models) div (2 * models)) / 10 as open_weights_share_pct
from per_country
order by country_code <> 'WLD', models desc, country_code
