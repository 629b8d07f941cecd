-- window_model_countries: the models of the window by country, for the tables beyond the report's.
-- grain: one row per model of the window and each of its country codes (a co-developed model once for each, as in
-- Table 1, models_by_country_year), plus one row per model with the code WLD (all countries: each model once). The
-- tables that use it count rows: a model is once in each of its countries.
-- accessibility is the model's group of conf/reference/accessibility_groups.csv; an empty cell and a label that
-- file lacks are both 'unknown' (sql/quality/accessibility_mapped.sql lists the labels it lacks).

with accessibility_groups as (
    select model_accessibility, min(accessibility) as accessibility
    from ref_accessibility_groups
    group by model_accessibility
),

grouped as (
    select
        window_models.model,
        window_models.release_year,
        window_models.publication_date,
        window_models.training_compute_flop,
        window_models.country_codes,
        coalesce(accessibility_groups.accessibility, 'unknown') as accessibility
    from window_models
    left join accessibility_groups
        on window_models.model_accessibility = accessibility_groups.model_accessibility
),

-- array_union: WLD once per model, even when a catalogue lists WLD as a country itself
attributed as (
    select model, release_year, publication_date, training_compute_flop, accessibility,
        explode(array_union(country_codes, array('WLD'))) as country_code
    from grouped
)

select
    country_code,
    model,
    release_year,
    publication_date,
    training_compute_flop,
    accessibility
from attributed
