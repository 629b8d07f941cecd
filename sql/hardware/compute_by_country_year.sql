-- compute_by_country_year: training compute per country and release year.
-- layer: gold
-- grain: one row per country code and release year that has models (every year, not only the census window).
-- A co-developed model counts, with its whole compute, once for each of its countries, as in models_by_country_year.
-- The median is exact, over the models with a known compute.

select
    countries.country_code,
    first(countries.country_name_en) as country_name_en,
    first(countries.country_name_ko) as country_name_ko,
    countries.release_year,
    count(*) as models,
    count(models.training_compute_flop) as models_with_compute,
    sum(models.training_compute_flop) as total_training_compute_flop,
    median(models.training_compute_flop) as median_training_compute_flop
from model_countries as countries
join models
    on countries.model = models.model
group by countries.country_code, countries.release_year
order by countries.country_code, countries.release_year
