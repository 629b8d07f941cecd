-- ref_country_names: the English and Korean name of each country code of conf/reference/countries.csv.
-- grain: one row per country code. countries.csv may list a code under several Epoch labels (Czechia, Czech
-- Republic); its names are the same on each of those rows, and the first is taken.

select
    country_code,
    first(country_name_en) as country_name_en,
    first(country_name_ko) as country_name_ko
from ref_countries
group by country_code
