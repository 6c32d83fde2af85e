#!/usr/bin/env python3
"""Peer for `resgate-bench read`: every value of every record (memo included) through
dbfread 2.0.7, printing the same figures (records/s, peak memory)."""
import resource, sys, time
import dbfread

start = time.perf_counter()
t = dbfread.DBF(sys.argv[1], encoding="cp1252", char_decode_errors="strict")
n = 0
check = 0
for rec in t:
    n += 1
    for v in rec.values():
        check += 1 if v is not None else 0
secs = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print("dbfread records=%d seconds=%.3f records_per_s=%.0f peak_MiB=%.1f" % (n, secs, n / secs, peak))
