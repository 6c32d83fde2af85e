#!/usr/bin/env python3
"""Reads a DBF with an outside library and prints its records as tagged JSON.

Used by the Swift tests as an oracle: what Resgate writes must read back the same through
libraries it shares no code with. Usage:

    dbf_oracle.py dbfread|dbf FILE.DBF [--encoding cp1252]

Output: {"reader", "fields": [names], "types": [letters], "records": [{"deleted": bool,
"values": [tagged]}]} or {"error": "..."}; tagged values are null, {"s": text},
{"b": hex}, {"l": bool}, {"i": "int"}, {"f": "repr"}, {"d": "decimal"},
{"date": "YYYY-MM-DD"}, {"dt": "YYYY-MM-DDThh:mm:ss.mmm"},
{"err": "why"} (dbf only: that one value failed).

dbfread knows nothing of _NullFlags, Varchar lengths, Q or W; for those the script reads
the raw field bytes through a FieldParser subclass (memos still through dbfread's own
memo reader) and applies the _NullFlags bits in field order (length bit for V/Q first,
then the null bit), as the format brief describes. Every such step is marked in
"notes" so a reader of a failing test can tell dbfread's own decoding from the script's.
"""
import codecs
import datetime
import decimal
import json
import struct
import sys


def c1_passthrough(err):
    """Decode error handler: a byte the Python codec leaves undefined (0x81, 0x8D, 0x8F,
    0x90, 0x9D in cp1252) becomes the C1 control with the same number, as Windows'
    MultiByteToWideChar and Resgate's code page tables do."""
    return "".join(chr(b) for b in err.object[err.start:err.end]), err.end


codecs.register_error("c1passthrough", c1_passthrough)


def tag(v):
    if v is None or type(v).__name__ == "NullType":  # dbf's Null singleton
        return None
    if isinstance(v, bool):
        return {"l": v}
    if isinstance(v, int):
        return {"i": str(v)}
    if isinstance(v, float):
        return {"f": repr(v)}
    if isinstance(v, decimal.Decimal):
        return {"d": format(v, "f")}
    if isinstance(v, datetime.datetime):
        return {"dt": v.isoformat(timespec="milliseconds")}
    if isinstance(v, datetime.date):
        return {"date": v.isoformat()}
    if isinstance(v, (bytes, bytearray)):
        return {"b": bytes(v).hex()}
    if isinstance(v, str):
        return {"s": v}
    return {"s": repr(v)}


def null_bits(fields):
    """(field index -> length bit, field index -> null bit) in VFP's order."""
    length_bit, null_bit, bit = {}, {}, 0
    for i, f in enumerate(fields):
        if f["type"] == "0" or f["flags"] & 0x01:
            continue
        if f["type"] in ("V", "Q"):
            length_bit[i] = bit
            bit += 1
        if f["flags"] & 0x02:
            null_bit[i] = bit
            bit += 1
    return length_bit, null_bit


def read_descriptors(path):
    with open(path, "rb") as fh:
        head = fh.read(32)
        hlen = struct.unpack("<H", head[8:10])[0]
        rest = fh.read(hlen - 32)
    out, p = [], 0
    while p + 32 <= len(rest) and rest[p] != 0x0D:
        d = rest[p:p + 32]
        out.append({"type": chr(d[11]), "flags": d[18] if head[0] in (0x30, 0x31, 0x32) else 0})
        p += 32
    return out


def with_dbfread(path, encoding):
    import dbfread
    from dbfread.field_parser import FieldParser

    class Parser(FieldParser):
        def parseV(self, field, data):
            return ("raw", data)

        def parseQ(self, field, data):
            return ("raw", data)

        def parseW(self, field, data):
            return self.get_memo(struct.unpack("<I", data)[0])

    notes = []
    kw = {"parserclass": Parser, "recfactory": lambda items: [v for _, v in items],
          "char_decode_errors": "c1passthrough"}
    if encoding:
        kw["encoding"] = encoding
    table = dbfread.DBF(path, **kw)
    if table.memofilename is None and any(f.type == "W" for f in table.fields):
        # dbfread opens the memo file only for M/G/P/B fields; W blobs live there too
        from dbfread.dbf import find_memofile
        table.memofilename = find_memofile(path)
        notes.append("script opened the memo file for W fields")
    desc = read_descriptors(path)
    names = [f.name for f in table.fields]
    types = [f.type for f in table.fields]
    length_bit, null_bit = null_bits(desc) if len(desc) == len(names) else ({}, {})
    nf_index = types.index("0") if "0" in types else None
    if length_bit or null_bit:
        notes.append("script applied _NullFlags and V/Q lengths")
    records = []
    for row in table:
        flags = row[nf_index] if nf_index is not None else b""
        flagint = int.from_bytes(flags, "little") if flags else 0
        vals = []
        for i, v in enumerate(row):
            if types[i] == "0":
                continue
            if i in null_bit and flagint >> null_bit[i] & 1:
                vals.append(None)
                continue
            if isinstance(v, tuple) and v and v[0] == "raw":
                data = v[1]
                if i in length_bit and flagint >> length_bit[i] & 1:
                    data = data[:min(data[-1], len(data) - 1)]
                if types[i] == "V":
                    v = data.decode(table.encoding, "c1passthrough")
                else:
                    v = bytes(data)
            vals.append(tag(v))
        records.append({"deleted": False, "values": vals})
    shown = [n for n, t in zip(names, types) if t != "0"]
    return {"reader": "dbfread", "fields": shown, "records": records, "notes": notes}


def with_dbf(path, encoding):
    import dbf
    kw = {}
    if encoding:
        kw["codepage"] = encoding
    table = dbf.Table(path, **kw)
    table.open(dbf.READ_ONLY)
    try:
        names = [n for n in table.field_names]
        records = []
        for rec in table:
            vals = []
            for n in names:
                try:
                    v = rec[n]
                except Exception as e:  # one unreadable value must not hide the others
                    vals.append({"err": "%s: %s" % (type(e).__name__, e)})
                    continue
                if isinstance(v, str) and int(table.field_info(n)[0]) == ord("C"):
                    v = v.rstrip(" ")
                vals.append(tag(v))
            records.append({"deleted": bool(dbf.is_deleted(rec)), "values": vals})
    finally:
        table.close()
    return {"reader": "dbf", "fields": names, "records": records,
            "notes": ["dbf returns C values space padded; the script strips their trailing spaces"]}


def main():
    reader, path = sys.argv[1], sys.argv[2]
    encoding = None
    if "--encoding" in sys.argv:
        encoding = sys.argv[sys.argv.index("--encoding") + 1]
    try:
        out = with_dbfread(path, encoding) if reader == "dbfread" else with_dbf(path, encoding)
    except Exception as e:  # the test reports the reader's own words
        out = {"error": "%s: %s" % (type(e).__name__, e)}
    json.dump(out, sys.stdout, ensure_ascii=True)


if __name__ == "__main__":
    main()
