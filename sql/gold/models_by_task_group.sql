-- grain: one row per task group. The report prints groups with 2 or more models; all are kept here.

with window_tasks as (
    select model_tasks.model, model_tasks.task_group
    from model_tasks
    join window_years
        on model_tasks.release_year = window_years.release_year
)

select
    task_group,
    count(distinct model) as models
from window_tasks
group by task_group
order by models desc, task_group
