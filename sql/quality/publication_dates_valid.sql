-- publication_dates_valid: every model has a publication date, and none lies after the day of the run.
-- grain: one row per check (see model_names_unique.sql for the columns).

with census_models as (
    select model, publication_date from models
),

missing as (
    select model from census_models where publication_date is null
),

future as (
    select model, publication_date from census_models where publication_date > current_date()
)

select
    'publication_dates_present' as check,
    'error' as level,
    'models without a publication date' as metric,
    cast(count(*) as double) as value,
    0d as threshold,
    count(*) as rows_affected,
    array_join(slice(array_sort(collect_list(model)), 1, 20), '; ') as details
from missing

union all

select
    'publication_dates_not_future' as check,
    'error' as level,
    'models published after the run date' as metric,
    cast(count(*) as double) as value,
    0d as threshold,
    count(*) as rows_affected,
    array_join(slice(array_sort(collect_list(concat(model, ' (', cast(publication_date as string), ')'))), 1, 20), '; ') as details
from future
