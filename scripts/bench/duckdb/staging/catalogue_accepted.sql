-- catalogue_accepted: the accepted catalogue records (CatalogueReader's rules, spec: Input).
-- grain: one row per accepted model. catalogue_raw holds the catalogue's fields under their census names.
-- Rejected: an empty model name, a publication date that is not a real YYYY-MM-DD date, and every record after
-- the first of a model name. (Records with a wrong number of fields stop DuckDB's reader instead.)

with records as (
    select
        row_number() over () as source_record,
        *
    from catalogue_raw
),

checked as (
    select
        * replace (trim(model) as model),
        case
            when regexp_full_match(trim(publication_date), '\d{4}-\d{2}-\d{2}')
                then try_strptime(trim(publication_date), '%Y-%m-%d')::date
        end as valid_date
    from records
),

classified as (
    select
        *,
        min(case when coalesce(model, '') <> '' then source_record end) over (partition by model) as first_record
    from checked
)

select
    * exclude (valid_date, first_record) replace (valid_date as publication_date)
from classified
where coalesce(model, '') <> ''
  and valid_date is not null
  and source_record = first_record
