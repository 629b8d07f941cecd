-- model_names_unique: every accepted model name appears once (spec: Input, duplicates are rejected).
-- grain: one row, the check. Each file of sql/quality/ returns checks as rows of
-- (check, level, metric, value, threshold, rows_affected, details); a check passes when value <= threshold,
-- and a failed check of level `error` stops the run before any table is written (the quality gate).

with census_models as (
    select model from models
),

repeated as (
    select
        model,
        count(*) as copies
    from census_models
    group by model
    having count(*) > 1
)

select
    'model_names_unique' as check,
    'error' as level,
    'model names listed more than once' as metric,
    cast(count(*) as double) as value,
    0d as threshold,
    coalesce(sum(copies), 0) as rows_affected,
    array_join(slice(array_sort(collect_list(model)), 1, 20), '; ') as details
from repeated
