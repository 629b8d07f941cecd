-- ref_lookups: the reference tables that a model's lists are mapped through, as maps from the listed label.
-- grain: one row. The silver files look each item of a model's list up in place, row by row: joining the exploded
-- items with the reference tables and gathering them back per model shuffled every model's rows twice (at a million
-- models, most of the silver layer's time). ReferenceData rejects a file that lists a label twice or leaves it empty.

select
    (select map_from_entries(collect_list(struct(epoch_label, country_code))) from ref_countries) as country_code_by_label,
    (select map_from_entries(collect_list(struct(organization, org_group))) from ref_organizations) as org_group_by_organization,
    (select map_from_entries(collect_list(struct(organization, hq_country_code))) from ref_organizations) as hq_country_code_by_organization,
    (select map_from_entries(collect_list(struct(epoch_category, org_category))) from ref_org_categories) as org_category_by_label
