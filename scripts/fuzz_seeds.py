#!/usr/bin/env python3
"""Writes the fuzz seed corpus (one folder per target of FuzzEntryPoints) from small
hand-made sets and the xBase fixtures in ../shared/fixtures. Run once; the fuzzer's
minimised corpus is what the repository keeps (docs/fuzzing.md)."""
import io, os, struct, sys, zipfile

root = sys.argv[1] if len(sys.argv) > 1 else "Fuzz/seeds"
fixtures = sys.argv[2] if len(sys.argv) > 2 else "../shared/fixtures"

def put(target, name, data):
    d = os.path.join(root, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("cp1252"))

ESTR_A = ("# table=T codepage=1252 version=0x30 records=3 updated=2026-11-27 separator=, quote=\"\r\n"
          "FIELD_NAME;FIELD_TYPE;FIELD_LEN;FIELD_DEC;FIELD_NULL;FIELD_NOCP;FIELD_NEXT;FIELD_STEP\r\n"
          "ID;I;4;0;N;N;4;1\r\nNOME;C;20;0;N;N;0;0\r\nVALOR;N;12;2;Y;N;0;0\r\nDATA;D;8;0;N;N;0;0\r\n"
          "HORA;T;8;0;N;N;0;0\r\nOK;L;1;0;N;N;0;0\r\nPRECO;Y;8;4;N;N;0;0\r\nPESO;B;8;3;N;N;0;0\r\n")
DATA_A = ("1,\"Ana\",12.50,20261127,20261127101500,T,1.2345,3.25\r\n"
          "2,\"Comercial \"Boa Vista\" Ltda\",,20260101,,F,0.0000,-1.5\r\n"
          "3,\"\",-99999999.99,,20261127235959.999,?,922337203685477.5807,1e300\r\n")
ESTR_LIST = ("Structure for table:   C:\\LOJA\\T.DBF\r\nNumber of data records:      2\r\n"
             "Date of last update:   11/27/26\r\nCode Page:             1252\r\n"
             "Field  Field Name      Type                Width    Dec   Index   Collate Nulls\r\n"
             "    1  ID              Integer                 4                          No\r\n"
             "    2  NOME            Character              20                          No\r\n"
             "    3  VALOR           Numeric                12      2                   Yes\r\n"
             "    4  EMISSAO         Date                    8                          No\r\n"
             "** Total **                                   45\r\n")
ESTR_PT = ("Estrutura da tabela:   C:\\LOJA\\T.DBF\r\nNúmero de registros:   2\r\n"
           "Campo  Nome do campo   Tipo                Largura  Dec\r\n"
           "    1  ID              Inteiro                 4\r\n"
           "    2  NOME            Caractere              20\r\n"
           "    3  VALOR           Numérico               12      2\r\n"
           "    4  QUANDO          Data e hora             8\r\n"
           "** Total **                                   45\r\n")
DATA_LIST = "1,\"Ana\",12.50,20261127\r\n2,\"Bia\",,\r\n"

put("estr", "delimited.txt", ESTR_A)
put("estr", "list-en.txt", ESTR_LIST)
put("estr", "list-pt.txt", ESTR_PT)
put("estr", "bare.txt", "A;C;10;0\nB;N;8;2\nC;M;4;0\n")
for f in ["harbour/tipos_estr.dbf", "harbour/vendas_estr.dbf"]:
    p = os.path.join(fixtures, f)
    if os.path.exists(p):
        put("estr", os.path.basename(f), open(p, "rb").read())

put("set", "delimited.txt", ESTR_A + "\x1e" + DATA_A)
put("set", "list.txt", ESTR_LIST + "\x1e" + DATA_LIST)
put("set", "semicolon.txt", ESTR_A.replace("separator=,", "separator=;") + "\x1e" + DATA_A.replace(",", ";"))
put("set", "tab.txt", "A;C;10;0\r\nB;N;8;2\r\n\x1eabc\t1.5\r\nd e\t-2\r\n")
put("set", "sdf.txt", "A;C;5;0\r\nB;N;6;2\r\nD;D;8;0\r\n\x1eabc    12.5020261127\r\nxy     -1.0020260101\r\n")
put("set", "multiline.txt", "A;C;20;0\r\nB;N;4;0\r\n\x1e\"two\r\nlines\",1\r\n\"x\",2\r\n")

put("line", "typed.txt", "\"abc\",123.4567,1.5,20261127,20261127101500,T,42,1.2345,3.25,\"bin\"\n"
                        ",,,,,,,,,\n\"a,b\",-1,,2026-11-27,2026-11-27 10:15:00.123,.F.,-2147483648,-922337203685477.5808,-0.001,\"\"\n")
put("line", "sdf.txt", "abc         123.4567            1.5                 2026112720261127101500T42      1.2345  3.25    bin       \n")

def zset(name, members):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in members:
            z.writestr(n, data if isinstance(data, bytes) else data.encode("cp1252"))
    put("zip", name, b.getvalue())

zset("plain.zip", [("T_Estr.TXT", ESTR_A), ("T.TXT", DATA_A)])
zset("folder.zip", [("Quinta_07/T_Estr.TXT", ESTR_LIST), ("Quinta_07/T.TXT", DATA_LIST)])
zset("parts.zip", [("T_Estr.TXT", ESTR_A), ("T_001.TXT", DATA_A), ("T_002.TXT", DATA_A)])
tipos = os.path.join(fixtures, "harbour/tipos.dbf")
if os.path.exists(tipos):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("M.DBF", open(tipos, "rb").read())
        z.writestr("M.FPT", open(tipos[:-4] + ".fpt", "rb").read())
    zset("memo.zip", [("M_Estr.DBF", open(os.path.join(fixtures, "harbour/tipos_estr.dbf"), "rb").read()),
                      ("M.TXT", open(os.path.join(fixtures, "harbour/tipos_delim_deloff.txt"), "rb").read()),
                      ("M.ZIP", inner.getvalue())])

def xbase(name, dbf, fpt=None, cdx=None):
    parts = [open(os.path.join(fixtures, p), "rb").read() if p else b"" for p in (dbf, fpt, cdx)]
    if len(parts[0]) > 0xFFFF or len(parts[1]) > 0xFFFF or len(parts[2]) > 0x10000:
        return
    put("xbase", name, struct.pack("<HH", len(parts[0]), len(parts[1])) + b"".join(parts))

xbase("tipos", "harbour/tipos.dbf", "harbour/tipos.fpt", "harbour/tipos.cdx")
xbase("rooms", "real/DBD-XBase/rooms.dbf", None, "real/DBD-XBase/rooms.cdx")
xbase("afox5", "real/DBD-XBase/afox5.dbf", "real/DBD-XBase/afox5.FPT")
xbase("dbt", "real/DBD-XBase/test.dbf", "real/DBD-XBase/test.dbt")
xbase("vfp9memo", "real/DBFFile/vfp9_30_memo.dbf", "real/DBFFile/vfp9_30_memo.fpt")
xbase("datetimes", "real/vulpo/fieldtests/datetimes.dbf")
xbase("currencies", "real/vulpo/fieldtests/currencies.dbf")
xbase("integers", "real/vulpo/fieldtests/integers.dbf")
xbase("dbase3", "real/DbfDataReader/dbase_03_nullchar.dbf")
for n in ["employees", "expense categories"]:
    base = "real/go-dbase/database/" + n
    xbase(n.replace(" ", "_"), base + ".dbf", base + ".FPT" if os.path.exists(os.path.join(fixtures, base + ".FPT")) else None, base + ".CDX")
xbase("contacts", "real/infused-dbf/foxprodb/contacts.dbf", "real/infused-dbf/foxprodb/contacts.fpt" if os.path.exists(os.path.join(fixtures, "real/infused-dbf/foxprodb/contacts.fpt")) else None, "real/infused-dbf/foxprodb/contacts.CDX")
