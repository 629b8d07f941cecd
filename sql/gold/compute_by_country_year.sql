-- grain: one row per country code and release year that has models (every year, not only the census window).
-- A co-developed model counts, with its whole compute, once for each of its countries, as in models_by_country_year.
-- The countries come from models.country_codes (the codes of model_countries, one array per model), so no join of
-- two model-sized tables is needed. The median is exact, over the models with a known compute.

with model_country_rows as (
    select
        explode(country_codes) as country_code,
        release_year,
        training_compute_flop
    from models
)

select
    model_country_rows.country_code,
    country_names.country_name_en,
    country_names.country_name_ko,
    model_country_rows.release_year,
    count(*) as models,
    count(model_country_rows.training_compute_flop) as models_with_compute,
    sum(model_country_rows.training_compute_flop) as total_training_compute_flop,
    median(model_country_rows.training_compute_flop) as median_training_compute_flop
from model_country_rows
left join ref_country_names as country_names
    on model_country_rows.country_code = country_names.country_code
group by
    model_country_rows.country_code,
    country_names.country_name_en,
    country_names.country_name_ko,
    model_country_rows.release_year
order by model_country_rows.country_code, model_country_rows.release_year
