-- stg_catalogue: the accepted catalogue rows, list fields split and numbers parsed.
-- grain: one row per accepted model the census counts (the reader has already rejected bad dates, empty names,
-- duplicates; stg_catalogue_scope leaves out the models below --min-compute).
-- split_list(x) is the spec's list rule: split on ',', trim, drop empty items, drop repeats (first kept).
-- A non-numeric number becomes null here; the data-quality step reports it (spec: Input).

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
)

select * from parsed
