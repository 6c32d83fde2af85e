#!/usr/bin/env python3
"""Compares `resgate show FILE --format json` with dbfread (an outside reader) on every
.dbf under a fixtures folder. Prints one JSON document:
{"same": [...], "different": {file: first differences}, "dbfreadFails": [...]}.

Normalisation, only where the two legitimately spell the same value differently:
numbers compared as floats (6 places), dbfread's dates/datetimes as ISO text, bytes as
base64, dbfread's `_NullFlags` column ignored (we never show system columns).
Usage: show_vs_dbfread.py RESGATE_BINARY FIXTURES_FOLDER
"""
import base64, datetime, decimal, glob, json, subprocess, sys

binary, root = sys.argv[1], sys.argv[2]

def norm(v):
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, (int, float, decimal.Decimal)):
        return round(float(v), 6)
    if isinstance(v, datetime.datetime):
        s = v.isoformat()
        return s[:23] if v.microsecond else s
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, bytes):
        return base64.b64encode(v).decode()
    return v

out = {"same": [], "different": {}, "dbfreadFails": []}
for f in sorted(glob.glob(root + "/**/*", recursive=True)):
    if not f.lower().endswith(".dbf"):
        continue
    rel = f[len(root) + 1:]
    try:
        theirs = [dict(r) for r in __import__("dbfread").DBF(f, char_decode_errors="strict")]
    except Exception as e:
        out["dbfreadFails"].append(rel)
        continue
    p = subprocess.run([binary, "show", f, "--format", "json", "--limit", "1000000"], capture_output=True, text=True)
    try:
        ours = json.loads(p.stdout)["records"]
    except Exception:
        out["different"][rel] = ["no JSON (exit %d): %s" % (p.returncode, p.stderr[:200])]
        continue
    diffs = []
    if len(theirs) != len(ours):
        diffs.append("records %d vs %d" % (len(theirs), len(ours)))
    for i, (a, b) in enumerate(zip(theirs, ours)):
        for k, v in a.items():
            if k == "_NullFlags":
                continue
            w = b.get(k, "<missing>")
            nv = norm(v)
            nw = round(float(w), 6) if isinstance(nv, float) and isinstance(w, (str, int, float)) and w != "<missing>" else w
            if nv != nw:
                diffs.append("record %d %s: dbfread %r, resgate %r" % (i + 1, k, str(nv)[:60], str(nw)[:60]))
                break
        if len(diffs) >= 3:
            break
    if diffs:
        out["different"][rel] = diffs
    else:
        out["same"].append(rel)
print(json.dumps(out, indent=1))
