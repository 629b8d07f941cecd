-- stg_catalogue: the accepted catalogue rows, list fields split and numbers parsed.
-- grain: one row per accepted model the census counts (the reader has already rejected bad dates, empty names,
-- duplicates; stg_catalogue_scope leaves out the models below --min-compute).
-- split_list(x) is the spec's list rule: split on ',', trim, drop empty items, drop repeats (first kept).
-- A non-numeric number becomes null here; the data-quality step reports it (spec: Input).
-- organization_groups: the group of each listed organization, at its position (an organization missing from
-- organizations.csv is its own group, spec: Reference data).
-- org_category_entries: each listed organization category with its category of org_categories.csv (a label missing
-- from it is kept as listed, not mapped); org_categories: those categories without repeats, in listed order.
-- country_entries resolves the model's countries once, for silver.models' country_codes and silver.model_countries:
-- each listed label but `Multinational` as its ISO code (a label missing from countries.csv is kept as its own code,
-- not mapped); then, when `Multinational` is listed, the headquarters of its organizations that organizations.csv
-- knows, after every listed label, in organization order; a model left with no country is `Multinational`.

with catalogue as (
    select * from stg_catalogue_scope
    where excluded_reason is null
),

parsed as (
    select
        source_record,
        model,
        publication_date,
        year(publication_date) as release_year,
        split_list(organization) as organizations,
        split_list(country) as country_labels,
        split_list(organization_category) as org_category_labels,
        split_list(domain) as domains,
        split_list(task) as tasks,
        try_cast(trim(parameters) as double) as parameters,
        try_cast(trim(training_compute_flop) as double) as training_compute_flop,
        try_cast(trim(training_dataset_size) as double) as training_dataset_size,
        nullif(trim(training_hardware), '') as training_hardware,
        cast(try_cast(trim(hardware_quantity) as double) as bigint) as hardware_quantity,
        nullif(trim(confidence), '') as confidence,
        nullif(trim(model_accessibility), '') as model_accessibility,
        nullif(trim(code_accessibility), '') as code_accessibility,
        nullif(trim(dataset_accessibility), '') as dataset_accessibility,
        nullif(trim(training_dataset), '') as training_dataset,
        cast(try_cast(trim(citations) as double) as bigint) as citations,
        nullif(trim(reference), '') as reference,
        nullif(trim(link), '') as link
    from catalogue
),

lookups as (
    select country_code_by_label, org_group_by_organization, hq_country_code_by_organization, org_category_by_label
    from ref_lookups
),

resolved as (
    select
        parsed.*,
        transform(parsed.organizations,
            organization -> coalesce(lookups.org_group_by_organization[organization], organization)) as organization_groups,
        transform(parsed.org_category_labels, label -> named_struct(
            'epoch_category', label,
            'org_category', coalesce(lookups.org_category_by_label[label], label),
            'is_mapped', lookups.org_category_by_label[label] is not null)) as org_category_entries,
        concat(
            transform(
                filter(parsed.country_labels, label -> label <> 'Multinational'),
                label -> named_struct(
                    'country_code', coalesce(lookups.country_code_by_label[label], label),
                    'country_label', label,
                    'is_mapped', lookups.country_code_by_label[label] is not null)),
            transform(
                filter(parsed.organizations, organization -> array_contains(parsed.country_labels, 'Multinational')
                    and lookups.hq_country_code_by_organization[organization] is not null),
                organization -> named_struct(
                    'country_code', lookups.hq_country_code_by_organization[organization],
                    'country_label', 'Multinational',
                    'is_mapped', true))
        ) as resolved_countries
    from parsed
    cross join lookups
)

select
    source_record,
    model,
    publication_date,
    release_year,
    organizations,
    country_labels,
    org_category_labels,
    domains,
    tasks,
    parameters,
    training_compute_flop,
    training_dataset_size,
    training_hardware,
    hardware_quantity,
    confidence,
    model_accessibility,
    code_accessibility,
    dataset_accessibility,
    training_dataset,
    citations,
    reference,
    link,
    organization_groups,
    org_category_entries,
    array_distinct(transform(org_category_entries, entry -> entry.org_category)) as org_categories,
    if(size(resolved_countries) = 0,
        array(named_struct('country_code', 'Multinational', 'country_label', 'Multinational', 'is_mapped', true)),
        resolved_countries) as country_entries
from resolved
