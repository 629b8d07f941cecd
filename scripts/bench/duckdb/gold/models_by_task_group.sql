-- models_by_task_group: models per task group over the whole window (sql/gold/models_by_task_group.sql).
-- grain: one row per task group.

with window_tasks as (
    select model, task_group
    from model_tasks
    where release_year between ${from_year} and ${to_year}
)

select
    task_group,
    count(distinct model) as models
from window_tasks
group by task_group
order by models desc, task_group
