#!/usr/bin/env python3
"""Peer for `resgate-bench parse`: the delimited text through Python's csv module,
every value turned to its type (int/Decimal/date/datetime/bool/str) as the structure says.

Usage: csv_parse.py VENDAS.TXT VENDAS.STRU   (the STRU file of vendas_gen.py)"""
import csv, datetime as dt, decimal, resource, sys, time

def load_structure(path):
    fields = []
    with open(path, encoding="ascii") as f:
        next(f)
        for line in f:
            name, typ, length, dec = line.strip().split(";")
            fields.append((name, typ, int(length), int(dec)))
    return [f for f in fields if f[1] not in "MGPW"]

def converter(typ, dec):
    if typ == "N":
        return (lambda s: decimal.Decimal(s) if s else None) if dec else (lambda s: int(s) if s else None)
    if typ == "I":
        return lambda s: int(s) if s else 0
    if typ == "B":
        return lambda s: float(s) if s else 0.0
    if typ == "D":
        return lambda s: dt.date(int(s[:4]), int(s[4:6]), int(s[6:8])) if s.strip() else None
    if typ == "T":
        return lambda s: dt.datetime.strptime(s[:14], "%Y%m%d%H%M%S") if s.strip() else None
    if typ == "L":
        return lambda s: s in ("T", "t", "Y", "y")
    return lambda s: s

start = time.perf_counter()
fields = load_structure(sys.argv[2])
conv = [converter(t, d) for _, t, _, d in fields]
n = 0
with open(sys.argv[1], encoding="cp1252", newline="") as f:
    for row in csv.reader(f):
        vals = [c(v) for c, v in zip(conv, row)]
        n += 1
secs = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print("python-csv records=%d seconds=%.3f records_per_s=%.0f peak_MiB=%.1f" % (n, secs, n / secs, peak))
