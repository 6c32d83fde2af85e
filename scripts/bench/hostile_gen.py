#!/usr/bin/env python3
"""Hostile and damaged inputs for the peak-memory benchmark (scripts/bench.sh memory):

  bomb.zip       40 directory entries over one deflated block of 64 MiB of lines (245 KB)
  records.zip    records=40 in the structure, 64 MiB of honest lines (deflated, no overlap)
  flood.zip      64 MiB of "x\\n": 33 million bad lines, no records=
  longline.zip   one line of 1 GiB (one byte repeated), no line break
  hugecount.zip  records=4611686018427387904 (2^62) and two good lines
  deep.zip       a memo-less table whose 4 parts are each 16 MiB of good lines, records right
  values.zip     T, @, B, Y, I, N and D fields holding infinity, NaN, 1e400, 9e18 and dates out
                 of range, 200,000 lines of them (every value a defect)
  combo.zip      structure and data defects together: records=2^63-1, a width of 2^32, dec
                 past the width, a field repeated, a quote opened on line 1 and never closed
                 (16 MiB), then 16 MiB of lines with 300 fields
  damaged/       a VFP table whose version byte reads 0x02, and a dBASE 7 table whose
                 @ timestamps hold infinity and 1e300

Usage: hostile_gen.py OUTDIR"""
import os, struct, sys, zipfile, zlib

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
ESTR = ("# table=T codepage=1252 records={n}\r\nFIELD_NAME;FIELD_TYPE;FIELD_LEN;FIELD_DEC\r\n"
        "ID;N;10;0\r\nNOME;C;40;0\r\nVALOR;N;12;2\r\n")
LINE = b'%d,"cliente numero %d da loja",%d.50\r\n'

def lines(total):
    """About `total` bytes of good lines, in 1 MiB pieces."""
    i, size = 0, 0
    while size < total:
        piece = b"".join(LINE % (i + k, (i + k) % 1000, (i + k) % 100000) for k in range(20000))
        i += 20000
        size += len(piece)
        yield piece

def stream_member(z, name, pieces):
    with z.open(zipfile.ZipInfo(name), "w", force_zip64=True) as f:
        for p in pieces:
            f.write(p)

def write_zip(path, members, method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", method, compresslevel=9) as z:
        for name, content in members:
            if isinstance(content, (bytes, str)):
                z.writestr(zipfile.ZipInfo(name), content)
            else:
                info = zipfile.ZipInfo(name)
                info.compress_type = method
                with z.open(info, "w", force_zip64=True) as f:
                    for p in content:
                        f.write(p)

def clone_entries(path, source, names):
    """Adds directory entries named `names` that point at member `source`."""
    b = bytearray(open(path, "rb").read())
    eocd = b.rfind(b"PK\x05\x06")
    count, cd_size, cd_off = struct.unpack_from("<HII", b, eocd + 10)
    cd = bytes(b[cd_off:cd_off + cd_size])
    p, entry = 0, None
    while p < len(cd):
        n, e, c = struct.unpack_from("<HHH", cd, p + 28)
        if cd[p + 46:p + 46 + n].decode() == source:
            entry = cd[p:p + 46 + n + e + c]
        p += 46 + n + e + c
    extra = b""
    for name in names:
        nb = name.encode()
        assert len(nb) == len(source)
        extra += entry[:46] + nb + entry[46 + len(nb):]
    cd += extra
    count += len(names)
    tail = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, count, count, len(cd), cd_off, 0)
    open(path, "wb").write(bytes(b[:cd_off]) + cd + tail)

write_zip(os.path.join(out, "bomb.zip"), [("T_Estr.TXT", ESTR.format(n=40)), ("T_001.TXT", lines(64 << 20))])
clone_entries(os.path.join(out, "bomb.zip"), "T_001.TXT", ["T_%03d.TXT" % k for k in range(2, 41)])
write_zip(os.path.join(out, "records.zip"), [("T_Estr.TXT", ESTR.format(n=40)), ("T.TXT", lines(64 << 20))])
write_zip(os.path.join(out, "flood.zip"), [("T_Estr.TXT", ESTR.replace(" records={n}", "")),
                                           ("T.TXT", (b"x\n" * (1 << 20) for _ in range(32)))])
write_zip(os.path.join(out, "longline.zip"), [("T_Estr.TXT", ESTR.replace(" records={n}", "")),
                                              ("T.TXT", (b"9" * (1 << 24) for _ in range(64)))])
write_zip(os.path.join(out, "hugecount.zip"), [("T_Estr.TXT", ESTR.format(n=1 << 62)),
                                               ("T.TXT", b'1,"a",1.50\r\n2,"b",2.50\r\n')])
# four 16 MiB parts of honest lines, records= exact
parts = []
total = 0
for k in range(4):
    blob = b"".join(lines(16 << 20))
    total += blob.count(b"\n")
    parts.append(("T_%03d.TXT" % (k + 1), blob))
write_zip(os.path.join(out, "deep.zip"), [("T_Estr.TXT", ESTR.format(n=total))] + parts)

# every number and date type holding what no field can: each value a defect, not a trap
VESTR = ("# table=T codepage=1252\r\nFIELD_NAME;FIELD_TYPE;FIELD_LEN;FIELD_DEC\r\n"
         "ID;I;4;0\r\nQUANDO;T;8;0\r\nSTAMP;@;8;0\r\nREAL;B;8;2\r\nDINHEIRO;Y;8;4\r\n"
         "VALOR;N;20;2\r\nDIA;D;8;0\r\n")
BAD = [b'99999999999,99999999999999,99999999999999,inf,9e18,1e400,99999999\r\n',
       b'-99999999999,00000000000000,-1,nan,-9.3e18,-1e400,00000000\r\n',
       b'2147483648,20241301256199,1e300,1e309,922337203685477.5808,9' + b'9' * 30 + b',20240230\r\n',
       b'1,19000101000000,18446744073709551616,-inf,1e-400,1.7976931348623157e308,0\r\n']
write_zip(os.path.join(out, "values.zip"), [("T_Estr.TXT", VESTR),
                                            ("T.TXT", (b"".join(BAD) * 5000 for _ in range(10)))])
# structure and data defects together
CESTR = ("# table=T codepage=1252 records=9223372036854775807\r\nFIELD_NAME;FIELD_TYPE;FIELD_LEN;FIELD_DEC\r\n"
         "ID;N;4294967296;0\r\nNOME;C;254;300\r\nNOME;C;-5;0\r\nVALOR;N;20;19\r\nX;Q;99999999999999999999;0\r\n")
def combo_lines():
    yield b'1,"' + b'a' * (1 << 20)
    for _ in range(15):
        yield b'b,' * (1 << 19)
    wide = b",".join(b'%d' % k for k in range(300)) + b"\r\n"
    for _ in range(16):
        yield wide * ((1 << 20) // len(wide))
write_zip(os.path.join(out, "combo.zip"), [("T_Estr.TXT", CESTR), ("T.TXT", combo_lines())])

dam = os.path.join(out, "damaged")
os.makedirs(dam, exist_ok=True)
# a VFP table (one C field, 3 records) whose version byte was damaged to 0x02
hdr = bytearray(32 + 32 + 1 + 263)
hdr[0] = 0x30
struct.pack_into("<IHH", hdr, 4, 3, len(hdr), 11)
hdr[32:36] = b"NOME"; hdr[43] = ord("C"); hdr[48] = 10
hdr[64] = 0x0D
body = b"".join(b" " + (b"item %d" % i).ljust(10) for i in range(3))
open(os.path.join(dam, "VENDAS.DBF"), "wb").write(bytes([0x02]) + bytes(hdr[1:]) + body + b"\x1a")
# a dBASE 7 table with one @ field: a good value, +inf, 1e300
def ts(ms):
    bits = struct.unpack(">Q", struct.pack(">d", ms))[0]
    return struct.pack(">Q", bits | (1 << 63) if ms >= 0 else ~bits & (2**64 - 1))
h7 = bytearray(68); h7[0] = 0x04
struct.pack_into("<IHH", h7, 4, 3, 68 + 48 + 1, 9)
d = bytearray(48); d[0:6] = b"QUANDO"; d[32] = ord("@"); d[33] = 8
recs = b"".join(b" " + ts(v) for v in (2460000 * 86400000.0, float("inf"), 1e300))
open(os.path.join(dam, "AGENDA.DBF"), "wb").write(bytes(h7) + bytes(d) + b"\x0d" + recs + b"\x1a")
