-- stg_investment_records: the investment input summed per country label, year and skip reason.
-- grain: one row per country label, country code, year and skip reason (null: used). A deal-level input of millions
-- of rows is summed here, before any join, so even the largest country is one row per year and never a hot join key.
-- Country: a name of conf/reference/countries.csv (Epoch label or English name, any case), else a three-letter
-- ISO 3166-1 alpha-3 code as given. Year: the year column, else the year of the date column.
-- Amount in USD: the amount column x ${amount_scale} (1 when amounts are in USD, 1000000 when in millions).

with country_names as (
    select lower(label) as label_key, min(country_code) as country_code
    from (
        select epoch_label as label, country_code from ref_countries
        union all
        select country_name_en, country_code from ref_countries
        union all
        select country_code, country_code from ref_countries
    )
    where label is not null
    group by lower(label)
),

records as (
    select
        nullif(trim(cast(country as string)), '') as country_label,
        nullif(trim(cast(country_name as string)), '') as country_name,
        coalesce(try_cast(year as int), year(try_cast(deal_date as date))) as year,
        try_cast(amount as double) * ${amount_scale} as amount_usd
    from investment_source
),

-- Summed first, on the input's own labels, with numeric buffers only: each task sums its rows before anything is
-- exchanged, so millions of deals become one row per label and year, and the join below is of that small result.
summed as (
    select
        country_label,
        country_name,
        year,
        amount_usd is null as amount_missing,
        count(*) as records,
        sum(amount_usd) as amount_usd
    from records
    group by country_label, country_name, year, amount_usd is null
),

coded as (
    select
        summed.*,
        coalesce(
            country_names.country_code,
            case when summed.country_label rlike '^[A-Za-z]{3}$' then upper(summed.country_label) end
        ) as country_code
    from summed
    left join country_names
        on lower(summed.country_label) = country_names.label_key
),

reasoned as (
    select
        *,
        case
            when country_code is null and (country_label is null or country_label like 'OWID_%')
                then 'no country code (empty, or an aggregate such as World)'
            when country_code is null then 'country not in conf/reference/countries.csv and not an ISO alpha-3 code'
            when year is null then 'no year'
            when amount_missing then 'amount not a number'
        end as skip_reason
    from coded
)

select
    country_label,
    country_code,
    year,
    skip_reason,
    first(country_name, true) as country_name,
    sum(records) as records,
    sum(amount_usd) as amount_usd
from reasoned
group by country_label, country_code, year, skip_reason
