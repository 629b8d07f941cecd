-- grain: one row for WLD (all countries, each model once) and one per country code with at least
-- ${min_growth_models} (--min-growth-models) models in the fit; countries as in Table 1.
-- The fit: the least-squares line of log10(training compute) on the publication date as a decimal year,
-- year + (day of year - 1) / days in that year, over the window's models with a positive compute figure.
-- growth_per_year = 10^slope (the factor by which compute grows in a year); doubling_months = 12 * log10(2) / slope
-- (negative: compute falls; null when the slope is 0 or there is no line, as with one date only).

with fitted_models as (
    select
        country_code as scope,
        model,
        log10(training_compute_flop) as log10_compute,
        year(publication_date)
            + (dayofyear(publication_date) - 1) / dayofyear(make_date(year(publication_date), 12, 31)) as decimal_year
    from window_model_countries
    where training_compute_flop > 0
),

fits as (
    select
        scope,
        count(*) as models,
        regr_slope(log10_compute, decimal_year) as slope
    from fitted_models
    group by scope
),

kept as (
    select *
    from fits
    where scope = 'WLD' or models >= ${min_growth_models}
)

select
    scope,
    models,
    pow(10, slope) as growth_per_year,
    12 * log10(2) / nullif(slope, 0) as doubling_months
from kept
order by scope <> 'WLD', models desc, scope
