-- grain: one row per domain group and release year that has models. `Multimodal` is not a domain here.

with window_domains as (
    select model_domains.model, model_domains.release_year, model_domains.domain_group
    from model_domains
    join window_years
        on model_domains.release_year = window_years.release_year
)

select
    domain_group as domain,
    release_year,
    count(distinct model) as models
from window_domains
group by domain_group, release_year
order by domain, release_year
