#!/usr/bin/env python3
"""Peer for `resgate restore`: the same job done with the Python `dbf` package, the way a
FoxPro programmer would (ZAP + APPEND FROM): read the set's structure file, create the
table, then parse every line of the zipped text with the csv module and append it, memo
values taken from the set's memo DBF (T.ZIP) by record position.

Usage: dbf_restore.py SET.zip TABLE OUTDIR [--limit N]
It is slow (about 10k records/s): bench.sh runs it on the first N lines and extrapolates."""
import argparse, csv, datetime as dt, io, os, resource, sys, tempfile, time, zipfile
import dbf, dbfread

ap = argparse.ArgumentParser()
ap.add_argument("set"); ap.add_argument("table"); ap.add_argument("out")
ap.add_argument("--limit", type=int, default=0)
a = ap.parse_args()
start = time.perf_counter()

z = zipfile.ZipFile(a.set)
names = {n.upper(): n for n in z.namelist()}
fields = []
for line in z.read(names[a.table.upper() + "_ESTR.TXT"]).decode("ascii").splitlines():
    if not line or line.startswith("#") or line.startswith("FIELD_NAME"):
        continue
    cols = line.split(";")
    fields.append((cols[0], cols[1], int(cols[2]), int(cols[3])))

def spec(name, typ, length, dec):
    if typ == "C": return "%s C(%d)" % (name, length)
    if typ in "NF": return "%s N(%d,%d)" % (name, length, dec)
    return "%s %s" % (name, typ)

os.makedirs(a.out, exist_ok=True)
table = dbf.Table(os.path.join(a.out, a.table + ".DBF"), "; ".join(spec(*f) for f in fields),
                  dbf_type="vfp", codepage="cp1252")
table.open(dbf.READ_WRITE)

def conv(typ, dec):
    if typ in "NF": return (lambda s: float(s) if s else None) if dec else (lambda s: int(s) if s else None)
    if typ == "I": return lambda s: int(s) if s else 0
    if typ == "B": return lambda s: float(s) if s else 0.0
    if typ == "D": return lambda s: dt.date(int(s[:4]), int(s[4:6]), int(s[6:8])) if s.strip() else None
    if typ == "T": return lambda s: dt.datetime.strptime(s[:14], "%Y%m%d%H%M%S") if s.strip() else None
    if typ == "L": return lambda s: s in ("T", "t", "Y", "y")
    return lambda s: s

text_fields = [i for i, f in enumerate(fields) if f[1] not in "MGPW"]
memo_fields = [i for i, f in enumerate(fields) if f[1] in "MGPW"]
convs = [conv(fields[i][1], fields[i][3]) for i in text_fields]

memo_iter = None
if memo_fields and a.table.upper() + ".ZIP" in names:
    tmp = tempfile.mkdtemp()
    inner = zipfile.ZipFile(io.BytesIO(z.read(names[a.table.upper() + ".ZIP"])))
    inner.extractall(tmp)
    mdbf = [n for n in os.listdir(tmp) if n.upper().endswith(".DBF")][0]
    memo_iter = iter(dbfread.DBF(os.path.join(tmp, mdbf), encoding="cp1252"))

import re
part = re.compile(re.escape(a.table.upper()) + r"(_\d+)?\.TXT$")
data_parts = sorted(n for n in names if part.match(n))   # T.TXT or T_001.TXT, T_002.TXT…

def lines():
    for p in data_parts:
        with z.open(names[p]) as raw:
            yield from io.TextIOWrapper(raw, encoding="cp1252", newline="")

n = 0
if True:
    for row in csv.reader(lines()):
        values = [None] * len(fields)
        for k, i in enumerate(text_fields):
            values[i] = convs[k](row[k])
        if memo_iter is not None:
            m = next(memo_iter)
            for i in memo_fields:
                values[i] = m[fields[i][0]]
        table.append(tuple(values))
        n += 1
        if a.limit and n >= a.limit:
            break
table.close()
secs = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print("python-dbf records=%d seconds=%.3f records_per_s=%.0f peak_MiB=%.1f" % (n, secs, n / secs, peak))
