-- top_models_by_compute: the largest models of one year by training compute (report Table 7;
-- --top-year, default --to + 1; --top-n, default 4). Ties are broken by model name.
-- grain: one row per ranked model; models without a compute figure are not ranked.

with year_models as (
    select *
    from models
    where release_year = ${top_year}
      and training_compute_flop is not null
),

ranked as (
    select
        *,
        row_number() over (order by training_compute_flop desc, model) as rank
    from year_models
)

select
    release_year,
    rank,
    model,
    training_compute_flop,
    parameters,
    domains,
    tasks,
    training_dataset_size,
    training_hardware,
    country_codes,
    organizations,
    publication_date
from ranked
where rank <= ${top_n}
order by rank
