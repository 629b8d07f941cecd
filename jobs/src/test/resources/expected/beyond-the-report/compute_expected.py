"""The four tables beyond the report computed from an Epoch AI catalogue CSV with Python's csv module, independently of
the census's SQL: the expected values of the tests (docs/beyond-the-report.md states the rules).

    python3 compute_expected.py CATALOGUE.csv OUT_DIR [--from 2020] [--to 2023] [--min-compute FLOP] [--min-growth-models 10]

Run from the project folder (it reads conf/reference/). Countries are attributed as model_countries does; the result
was checked against the expected models_by_country_year of the July-2024 snapshot.
"""
import argparse, csv, math, os, collections, datetime
from fractions import Fraction

REF = 'conf/reference'

def split_list(v):
    out = []
    for item in (v or '').split(','):
        s = item.strip()
        if s and s not in out:
            out.append(s)
    return out

def ref(name):
    return list(csv.DictReader(open(f'{REF}/{name}', encoding='utf-8')))

label_code = {}
for r in ref('countries.csv'):
    label_code.setdefault(r['epoch_label'].strip(), r['country_code'].strip())
hq = {r['organization'].strip(): (r['hq_country_code'] or '').strip() or None for r in ref('organizations.csv')}

def header_get(row, *names):
    for n in names:
        if n in row:
            return row[n]
    return None

def country_codes(row):
    labels = split_list(header_get(row, 'Country (of organization)', 'Country (from Organization)'))
    codes = []
    for l in labels:
        if l != 'Multinational':
            c = label_code.get(l, l)
            if c not in codes:
                codes.append(c)
    if 'Multinational' in labels:
        for org in split_list(header_get(row, 'Organization')):
            c = hq.get(org)
            if c and c not in codes:
                codes.append(c)
    return codes or ['Multinational']

def load(path, frm, to, min_compute=None):
    rows = list(csv.DictReader(open(path, encoding='utf-8-sig')))
    models = []
    for r in rows:
        name = header_get(r, 'Model', 'System').strip()
        date = datetime.date.fromisoformat(r['Publication date'].strip())
        text = (r.get('Training compute (FLOP)') or '').strip()
        try:
            compute = float(text)
        except ValueError:
            compute = None
        if min_compute is not None and (compute is None or compute < min_compute):
            continue
        acc = (r.get('Model accessibility') or '').strip() or None
        models.append(dict(model=name, date=date, year=date.year, compute=compute, acc=acc, codes=country_codes(r)))
    return [m for m in models if frm <= m['year'] <= to]

def scopes(m):
    return m['codes'] + ['WLD']

def order_key(code):
    return (code != 'WLD', code)

def fmt(x):
    # CsvExporter.formatNumber: shortest repr, positional in [1e-4, 1e16), else d.ddde+XX
    if x == int(x) and abs(x) < 1e16:
        return str(int(x))
    r = repr(x)
    if 'e' in r:
        mant, exp = r.split('e')
        return f"{mant}e{'-' if int(exp) < 0 else '+'}{abs(int(exp)):02d}"
    return r

def thresholds(models):
    ts = [float(r['threshold_flop']) for r in ref('compute_thresholds.csv')]
    counts = collections.Counter()
    for t in ts:
        for m in models:
            if m['compute'] is not None and m['compute'] >= t:
                for c in scopes(m):
                    counts[(t, c, m['year'])] += 1
    out = [('threshold_flop', 'country_code', 'release_year', 'models')]
    for (t, c, y) in sorted(counts, key=lambda k: (k[0], order_key(k[1]), k[2])):
        out.append((fmt(t), c, y, counts[(t, c, y)]))
    return out

def decimal_year(d):
    days = 366 if (d.year % 4 == 0 and (d.year % 100 != 0 or d.year % 400 == 0)) else 365
    return d.year + (d.timetuple().tm_yday - 1) / days

def growth(models, min_models):
    pts = collections.defaultdict(list)
    for m in models:
        if m['compute'] is not None and m['compute'] > 0:
            for c in scopes(m):
                pts[c].append((decimal_year(m['date']), math.log10(m['compute'])))
    out = []
    for c, p in pts.items():
        if c != 'WLD' and len(p) < min_models:
            continue
        n = len(p)
        mx = math.fsum(x for x, _ in p) / n
        my = math.fsum(y for _, y in p) / n
        sxx = math.fsum((x - mx) ** 2 for x, _ in p)
        sxy = math.fsum((x - mx) * (y - my) for x, y in p)
        slope = sxy / sxx if sxx else None
        out.append((c, n, None if slope is None else 10 ** slope, None if not slope else 12 * math.log10(2) / slope))
    out.sort(key=lambda r: (r[0] != 'WLD', -r[1], r[0]))
    return [('scope', 'models', 'growth_per_year', 'doubling_months')] + out

GROUPS = {r['model_accessibility'].strip(): r['accessibility'].strip() for r in ref('accessibility_groups.csv')}
OPEN = {'open_weights_unrestricted', 'open_weights_restricted', 'open_weights_noncommercial'}

def group(m):
    return GROUPS.get(m['acc'], 'unknown') if m['acc'] else 'unknown'

def accessibility(models):
    counts = collections.Counter()
    for m in models:
        for c in scopes(m):
            counts[(c, m['year'], group(m))] += 1
    out = [('country_code', 'release_year', 'accessibility', 'models')]
    for k in sorted(counts, key=lambda k: (order_key(k[0]), k[1], k[2])):
        out.append((*k, counts[k]))
    return out

def share(models):
    total = collections.Counter(); opened = collections.Counter()
    for m in models:
        for c in scopes(m):
            total[c] += 1
            if group(m) in OPEN:
                opened[c] += 1
    out = []
    for c in total:
        f = Fraction(100 * opened[c], total[c])
        tenths = math.floor(f * 10 + Fraction(1, 2))   # halves rounded up
        out.append((c, total[c], opened[c], fmt(tenths / 10)))
    out.sort(key=lambda r: (r[0] != 'WLD', -r[1], r[0]))
    return [('country_code', 'models', 'open_weights_models', 'open_weights_share_pct')] + out

if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('catalogue')
    parser.add_argument('out')
    parser.add_argument('--from', dest='first', type=int, default=2020)
    parser.add_argument('--to', dest='last', type=int, default=2023)
    parser.add_argument('--min-compute', type=float)
    parser.add_argument('--min-growth-models', type=int, default=10)
    args = parser.parse_args()
    models = load(args.catalogue, args.first, args.last, args.min_compute)
    os.makedirs(args.out, exist_ok=True)
    for name, table in [('models_over_compute_thresholds', thresholds(models)),
                        ('compute_growth', growth(models, args.min_growth_models)),
                        ('models_by_accessibility', accessibility(models)), ('open_weights_share', share(models))]:
        with open(os.path.join(args.out, name + '.csv'), 'w', newline='', encoding='utf-8') as out:
            writer = csv.writer(out, lineterminator='\n')
            for row in table:
                writer.writerow(['' if v is None else (repr(v) if isinstance(v, float) else v) for v in row])
