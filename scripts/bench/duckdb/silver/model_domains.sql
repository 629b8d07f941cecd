-- model_domains: the domains of each model with their group (sql/silver/model_domains.sql).
-- grain: one row per model and listed domain, `Multimodal` excluded (it is the flag models.multimodal).

with catalogue as (
    select model, release_year, domains
    from stg_catalogue
),

exploded as (
    select
        model,
        release_year,
        generate_subscripts(domains, 1) as domain_position,
        unnest(domains) as domain
    from catalogue
),

listed as (
    select *
    from exploded
    where domain <> 'Multimodal'
)

select
    listed.model,
    listed.release_year,
    listed.domain_position,
    listed.domain,
    coalesce(ref_domain_groups.domain_group, listed.domain) as domain_group
from listed
left join ref_domain_groups
    on listed.domain = ref_domain_groups.domain
