/*
 * The physical reference for `resgate-bench read`: a plain C loop over a DBF (+FPT) that
 * touches every value the way a reader must (numbers parsed, dates parsed, character
 * fields trimmed, binary fields loaded, memo blocks followed), with no allocation per
 * record. It is what "as fast as the machine allows" means for this job; scripts/bench.sh
 * builds it with `cc -O2` and prints it beside resgate and dbfread.
 *
 *   cread FILE.DBF        prints: cread records=N seconds=S records_per_s=R checksum=C
 *
 * Only what a benchmark table needs: dBASE/FoxPro/VFP layouts with 32-byte descriptors,
 * VFP 4-byte or 10-digit memo pointers, FPT big-endian block headers. Not a general reader.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct { char type; int offset, length, decimals; } Field;

static uint32_t le32(const unsigned char *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }
static uint32_t be32(const unsigned char *p) { return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]; }

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: cread FILE.DBF\n"); return 2; }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 2; }
    unsigned char head[32];
    if (fread(head, 1, 32, f) != 32) { fprintf(stderr, "short header\n"); return 2; }
    uint32_t count = le32(head + 4);
    int hlen = head[8] | head[9] << 8, rlen = head[10] | head[11] << 8;
    if (hlen < 33 || rlen < 1) { fprintf(stderr, "bad header\n"); return 2; }
    unsigned char *hdr = malloc(hlen);
    fseek(f, 0, SEEK_SET);
    if (fread(hdr, 1, hlen, f) != (size_t)hlen) { fprintf(stderr, "short header\n"); return 2; }
    Field fields[255]; int nf = 0, off = 1;
    for (int p = 32; p + 32 <= hlen && hdr[p] != 0x0D && nf < 255; p += 32) {
        fields[nf].type = hdr[p + 11];
        fields[nf].length = hdr[p + 16];
        fields[nf].decimals = hdr[p + 17];
        fields[nf].offset = off;
        off += fields[nf].length;
        nf++;
    }
    /* memo file: same name, .FPT */
    char memo_path[4096];
    snprintf(memo_path, sizeof memo_path, "%s", argv[1]);
    size_t L = strlen(memo_path);
    FILE *m = NULL; uint32_t block = 64;
    if (L > 4) {
        strcpy(memo_path + L - 3, memo_path[L - 3] == 'd' ? "fpt" : "FPT");
        m = fopen(memo_path, "rb");
        if (m) { unsigned char mh[8]; if (fread(mh, 1, 8, m) == 8) block = (mh[6] << 8 | mh[7]) ?: 1; }
    }
    unsigned char memo_buf[1 << 16];
    size_t chunk = (size_t)rlen * (((1 << 20) / rlen) + 1);
    unsigned char *buf = malloc(chunk);
    long long checksum = 0; uint32_t done = 0;
    fseek(f, hlen, SEEK_SET);
    while (done < count) {
        size_t want = (count - done) * (size_t)rlen < chunk ? (count - done) * (size_t)rlen : chunk;
        size_t got = fread(buf, 1, want, f);
        size_t recs = got / rlen;
        if (recs == 0) break;
        for (size_t r = 0; r < recs; r++) {
            const unsigned char *rec = buf + r * rlen;
            checksum += rec[0] == '*';
            for (int i = 0; i < nf; i++) {
                const unsigned char *v = rec + fields[i].offset;
                int len = fields[i].length;
                switch (fields[i].type) {
                case 'C': { int e = len; while (e > 0 && v[e - 1] == ' ') e--; checksum += e; break; }
                case 'N': case 'F': {
                    long long mant = 0; int neg = 0, j = 0;
                    while (j < len && v[j] == ' ') j++;
                    if (j < len && v[j] == '-') { neg = 1; j++; }
                    for (; j < len; j++) if (v[j] >= '0' && v[j] <= '9') mant = mant * 10 + (v[j] - '0');
                    checksum += neg ? -mant : mant; break;
                }
                case 'D': {
                    int y = 0, mo = 0, d = 0;
                    for (int j = 0; j < 4; j++) y = y * 10 + (v[j] - '0');
                    for (int j = 4; j < 6; j++) mo = mo * 10 + (v[j] - '0');
                    for (int j = 6; j < 8; j++) d = d * 10 + (v[j] - '0');
                    checksum += y * 372 + mo * 31 + d; break;
                }
                case 'L': checksum += v[0] == 'T' || v[0] == 't' || v[0] == 'Y' || v[0] == 'y'; break;
                case 'I': checksum += (int32_t)le32(v); break;
                case 'T': checksum += le32(v) + le32(v + 4); break;
                case 'B': { double dv; memcpy(&dv, v, 8); checksum += (long long)(dv > 1e15 || dv < -1e15 ? 0 : dv); break; }
                case 'M': case 'G': {
                    uint32_t ptr = 0;
                    if (len == 4) ptr = le32(v);
                    else for (int j = 0; j < len; j++) if (v[j] >= '0' && v[j] <= '9') ptr = ptr * 10 + (v[j] - '0');
                    if (ptr && m) {
                        unsigned char bh[8];
                        fseek(m, (long)ptr * block, SEEK_SET);
                        if (fread(bh, 1, 8, m) == 8) {
                            uint32_t ml = be32(bh + 4);
                            if (ml > sizeof memo_buf) ml = sizeof memo_buf;
                            size_t mg = fread(memo_buf, 1, ml, m);
                            for (size_t j = 0; j < mg; j++) checksum += memo_buf[j];
                        }
                    }
                    break;
                }
                default: checksum += v[0];
                }
            }
        }
        done += recs;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("cread records=%u seconds=%.3f records_per_s=%.0f checksum=%lld\n", done, secs, done / secs, checksum);
    return 0;
}
