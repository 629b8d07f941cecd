-- grain: one row per metric. Shares are % of models_total (1 decimal) unless the name says otherwise;
-- cagr_pct is the compound growth of models from the first to the last year of the window.

with language_models as (
    select distinct model_domains.model
    from model_domains
    join window_years
        on model_domains.release_year = window_years.release_year
    where model_domains.domain_group = 'Language'
),

counts as (
    select
        count(*) as models_total,
        count_if(release_year = ${from_year}) as first_year_models,
        count_if(release_year = ${to_year}) as last_year_models,
        count_if(multimodal) as multimodal_models,
        count_if(task_count >= 1) as models_with_tasks,
        count_if(task_count > 1) as multi_task_models,
        count_if(development_type = 'single') as single_developer_models,
        count_if(development_type = 'joint') as joint_models,
        (select count(*) from language_models) as language_models,
        count_if(array_contains(org_categories, 'Industry')) as industry_models
    from window_models
),

metrics as (
    select stack(14,
        'models_total', cast(models_total as double),
        'cagr_pct', round((pow(last_year_models / nullif(first_year_models, 0), 1D / nullif(${to_year} - ${from_year}, 0)) - 1) * 100, 1),
        'language_models', cast(language_models as double),
        'language_share_pct', round(100D * language_models / nullif(models_total, 0), 1),
        'multimodal_models', cast(multimodal_models as double),
        'multimodal_share_pct', round(100D * multimodal_models / nullif(models_total, 0), 1),
        'models_with_tasks', cast(models_with_tasks as double),
        'multi_task_models', cast(multi_task_models as double),
        'multi_task_share_pct', round(100D * multi_task_models / nullif(models_with_tasks, 0), 1),
        'single_developer_models', cast(single_developer_models as double),
        'single_developer_share_pct', round(100D * single_developer_models / nullif(models_total, 0), 1),
        'joint_models', cast(joint_models as double),
        'industry_models', cast(industry_models as double),
        'industry_share_pct', round(100D * industry_models / nullif(models_total, 0), 1)
    ) as (metric, value)
    from counts
)

select
    metric,
    cast(value as double) as value
from metrics
