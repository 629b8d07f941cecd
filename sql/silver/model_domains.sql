-- grain: one row per model and listed domain, `Multimodal` excluded: it is a flag of the model (models.multimodal).

with catalogue as (
    select model, release_year, domains
    from stg_catalogue
),

reference_domains as (
    select * from ref_domain_groups
),

listed as (
    select
        catalogue.model,
        catalogue.release_year,
        listed_position + 1 as domain_position,
        domain
    from catalogue
    lateral view posexplode(domains) listed as listed_position, domain
    where domain <> 'Multimodal'
)

select
    listed.model,
    listed.release_year,
    listed.domain_position,
    listed.domain,
    coalesce(reference_domains.domain_group, listed.domain) as domain_group
from listed
left join reference_domains
    on listed.domain = reference_domains.domain
