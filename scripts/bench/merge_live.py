#!/usr/bin/env python3
"""
The live VENDAS of the merge benchmark: a copy of the generated table in which a share of
the rows changed since the backup (CLIENTE rewritten) and new rows were appended (copies
of existing rows with new NUMEROs past the last one, memo pointers shared), as a store's
day after the 07h backup leaves it.

Usage: merge_live.py SRC_DIR DST_DIR [--changed 0.01] [--new 0.01] [--changed-rows N] [--new-rows N] [--seed 7]
--changed/--new are shares of the table's rows; --changed-rows/--new-rows counts (they win).
Writes DST_DIR/VENDAS.DBF and DST_DIR/VENDAS.FPT.
"""
import argparse
import os
import random
import shutil
import struct

ap = argparse.ArgumentParser()
ap.add_argument("src")
ap.add_argument("dst")
ap.add_argument("--changed", type=float, default=0.01)
ap.add_argument("--new", type=float, default=0.01)
ap.add_argument("--changed-rows", type=int)
ap.add_argument("--new-rows", type=int)
ap.add_argument("--seed", type=int, default=7)
a = ap.parse_args()

os.makedirs(a.dst, exist_ok=True)
shutil.copyfile(os.path.join(a.src, "VENDAS.FPT"), os.path.join(a.dst, "VENDAS.FPT"))
with open(os.path.join(a.src, "VENDAS.DBF"), "rb") as f:
    data = bytearray(f.read())
count, hlen, rlen = struct.unpack_from("<IHH", data, 4)
# field offsets from the descriptors (32 bytes each from byte 32 up to the 0x0D terminator)
offsets, pos, off = {}, 32, 1
while data[pos] != 0x0D:
    name = bytes(data[pos:pos + 11]).split(b"\0")[0].decode("ascii")
    offsets[name] = (off, data[pos + 16])
    off += data[pos + 16]
    pos += 32
rng = random.Random(a.seed)
body_end = hlen + count * rlen
records = data[hlen:body_end]
cli_off, cli_len = offsets["CLIENTE"]
num_off, num_len = offsets["NUMERO"]
n_changed = a.changed_rows if a.changed_rows is not None else int(count * a.changed)
n_new = a.new_rows if a.new_rows is not None else int(count * a.new)
for i in rng.sample(range(count), min(count, n_changed)):
    at = i * rlen + cli_off
    records[at:at + cli_len] = ("ALTERADO DEPOIS DO BACKUP %d" % i).ljust(cli_len)[:cli_len].encode("ascii")
extra = bytearray()
for j in range(n_new):
    src = rng.randrange(count) * rlen
    rec = bytearray(records[src:src + rlen])
    rec[num_off:num_off + num_len] = str(count + 1 + j).rjust(num_len).encode("ascii")
    extra += rec
total = count + len(extra) // rlen
header = bytearray(data[:hlen])
struct.pack_into("<I", header, 4, total)
with open(os.path.join(a.dst, "VENDAS.DBF"), "wb") as f:
    f.write(header)
    f.write(records)
    f.write(extra)
    f.write(b"\x1a")
print("records=%d changed=%d new=%d" % (total, min(count, n_changed), len(extra) // rlen))
