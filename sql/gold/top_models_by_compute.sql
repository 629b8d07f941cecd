-- grain: one row per ranked model of ${top_year} (--top-year, default --to + 1), at most ${top_n} (--top-n).
-- Models without a compute figure are not ranked; ties in compute are broken by model name.

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
