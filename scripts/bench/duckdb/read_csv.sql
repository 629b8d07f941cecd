-- read_csv: the catalogue as Epoch publishes it (a file, or a folder of parts with a header each): multi-line
-- quoted fields, '"' quote and escape, every cell as text.
select *
from read_csv(
    '${input}',
    header = true,
    delim = ',',
    quote = '"',
    escape = '"',
    all_varchar = true,
    union_by_name = false
)
