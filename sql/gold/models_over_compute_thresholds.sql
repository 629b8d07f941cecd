-- grain: one row per threshold of conf/reference/compute_thresholds.csv, country code and release year of the window
-- that has at least one model trained with that much compute or more (a model exactly at a threshold counts).
-- Countries as in Table 1: a co-developed model counts once for each of its countries; WLD counts each model once.
-- Models without a compute figure are over no threshold.

with thresholds as (
    select distinct cast(threshold_flop as double) as threshold_flop
    from ref_compute_thresholds
),

model_countries_with_compute as (
    select country_code, model, release_year, training_compute_flop
    from window_model_countries
    where training_compute_flop is not null
),

over_thresholds as (
    select
        thresholds.threshold_flop,
        model_countries_with_compute.country_code,
        model_countries_with_compute.release_year,
        model_countries_with_compute.model
    from model_countries_with_compute
    join thresholds
        on model_countries_with_compute.training_compute_flop >= thresholds.threshold_flop
)

select
    threshold_flop,
    country_code,
    release_year,
    count(*) as models
from over_thresholds
group by threshold_flop, country_code, release_year
order by threshold_flop, country_code <> 'WLD', country_code, release_year
