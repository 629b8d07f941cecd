-- grain: one row per task-count bucket (1, 2, 3, 4, 5+) and release year of the window, zeros included.
-- Models without tasks are in no bucket (spec: task count).

with buckets as (
    select explode(array('1', '2', '3', '4', '5+')) as task_count
),

grid as (
    select buckets.task_count, window_years.release_year
    from buckets
    cross join window_years
),

bucketed as (
    select
        model,
        release_year,
        case when task_count >= 5 then '5+' else cast(task_count as string) end as task_count
    from window_models
    where task_count >= 1
),

per_cell as (
    select
        task_count,
        release_year,
        -- one row per model, as in window_models
        count(*) as models
    from bucketed
    group by task_count, release_year
)

select
    grid.task_count,
    grid.release_year,
    coalesce(per_cell.models, 0) as models
from grid
left join per_cell
    on grid.task_count = per_cell.task_count
   and grid.release_year = per_cell.release_year
order by task_count, release_year
