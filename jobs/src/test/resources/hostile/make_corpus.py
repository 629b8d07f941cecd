#!/usr/bin/env python3
"""Writes the hostile-input corpus of HostileInputTest from the bundled sample catalogue.

Each file is the sample's 48 valid models (the sample's two rejected rows left out) plus one hostile
thing, so that a file which reads at all stays under the default 5% rejected-share gate.
Run from this folder: python3 make_corpus.py
"""
import csv
import io
import random

SAMPLE = "../catalogues/large_scale_ai_models_sample_2024-07-16.csv"
rows = list(csv.reader(io.StringIO(open(SAMPLE, encoding="utf-8-sig", newline="").read())))
header, body = rows[0], rows[1:]
seen, clean = set(), []
for row in body:
    if row[0] in seen or row[5] == "2023-02-30":
        continue
    seen.add(row[0])
    clean.append(row)


def text(table):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(table)
    return out.getvalue()


def extra(model, **fields):
    row = list(clean[0])
    row[0] = model
    for name, value in fields.items():
        row[header.index(name)] = value
    return row


def write(name, data):
    with open(name, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


# A quoted field that never closes: the file ends inside it.
write("truncated_quoted_field.csv", text([header] + clean) + 'Cut Model,Language,Chat,"Cut Lab,Jane Doe,2023-05-01,"an abstract that never')
# Bytes that are no text at all.
random.seed(7)
write("binary_garbage.csv", bytes(random.getrandbits(8) for _ in range(64 * 1024)))
# Right shape, wrong encodings.
write("latin1_encoded.csv", text([header] + clean + [extra("Montréal Model", Organization="Université de Montréal")]).encode("latin-1", "replace"))
write("euc_kr_encoded.csv", text([header] + clean + [extra("하이퍼클로바 EUC", Organization="네이버")]).encode("euc-kr", "replace"))
write("header_only.csv", text([header]))
# One field of 1 MiB (an abstract), the rest ordinary.
write("one_megabyte_field.csv", text([header] + clean + [extra("Long Abstract Model", Abstract="x" * (1 << 20))]))
# 5,000 columns: the catalogue's plus 5,000 - len(header) unknown ones.
wide = header + [f"Extra column {i}" for i in range(5000 - len(header))]
write("five_thousand_columns.csv", text([wide] + [row + [str(i % 10)] * (5000 - len(header)) for i, row in enumerate(clean)]))
# The same header name twice, for a field the census reads.
write("duplicated_header_names.csv", text([header + ["Domain"]] + [row + ["Vision"] for row in clean]))
# A calendar date that does not exist.
write("impossible_date.csv", text([header] + clean + [extra("February Model", **{"Publication date": "2023-02-30"})]))
