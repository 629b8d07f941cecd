-- reference: conf/reference/*.csv as the views the SQL files read (trimmed, as ReferenceData loads them).

create or replace view ref_countries as
select
    trim(epoch_label) as epoch_label,
    trim(country_code) as country_code,
    trim(country_name_en) as country_name_en,
    trim(country_name_ko) as country_name_ko
from read_csv('${reference_dir}/countries.csv', header = true, all_varchar = true, quote = '"', escape = '"');

create or replace view ref_organizations as
select
    trim(organization) as organization,
    trim(org_group) as org_group,
    trim(hq_country_code) as hq_country_code
from read_csv('${reference_dir}/organizations.csv', header = true, all_varchar = true, quote = '"', escape = '"');

create or replace view ref_domain_groups as
select
    trim(domain) as domain,
    trim(domain_group) as domain_group
from read_csv('${reference_dir}/domain_groups.csv', header = true, all_varchar = true, quote = '"', escape = '"');

create or replace view ref_task_groups as
select
    trim(task) as task,
    trim(task_group) as task_group
from read_csv('${reference_dir}/task_groups.csv', header = true, all_varchar = true, quote = '"', escape = '"');

create or replace view ref_org_categories as
select
    trim(epoch_category) as epoch_category,
    trim(org_category) as org_category
from read_csv('${reference_dir}/org_categories.csv', header = true, all_varchar = true, quote = '"', escape = '"');

create or replace view ref_catalogue_fields as
select
    trim(field) as field,
    trim(header_name) as header_name,
    trim(required) = 'true' as required
from read_csv('${reference_dir}/catalogue_fields.csv', header = true, all_varchar = true, quote = '"', escape = '"');
