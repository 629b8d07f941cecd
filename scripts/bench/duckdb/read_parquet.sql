-- read_parquet: the catalogue as Parquet parts with the CSV's column names, every cell as text.
select *
from read_parquet('${input}')
