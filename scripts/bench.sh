#!/usr/bin/env bash
# Benchmarks behind docs/BENCHMARKS.md, each beside its peers in the same run.
#
#   scripts/bench.sh [read|scan|parse|backup|restore|cdx|memory|all]
#
# Data: the 1,000,000-record VENDAS table of docs/BENCHMARKS.md, generated on first use
# into $RESGATE_BENCH_DATA (default ./.bench-data, git-ignored) by scripts/bench/vendas_gen.py.
# Scratch files go to $RESGATE_BENCH_WORK (default a temporary folder, removed at the end).
# Every line printed is: job, wall seconds, user+sys CPU seconds, peak RSS MiB, and the
# tool's own figures. Ratios are printed after each group.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DATA=${RESGATE_BENCH_DATA:-$ROOT/.bench-data}
RECORDS=${RESGATE_BENCH_RECORDS:-1000000}
PY_SAMPLE=${RESGATE_BENCH_PY_SAMPLE:-20000}     # lines the slow Python dbf restore runs on
WHAT=${1:-all}
if [[ -n "${RESGATE_BENCH_WORK:-}" ]]; then WORK=$RESGATE_BENCH_WORK; mkdir -p "$WORK"
else WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT; fi

echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $(swift --version 2>&1 | head -1)"

swift build -c release --product resgate >/dev/null
swift build -c release --product resgate-bench >/dev/null
BIN=$(swift build -c release --show-bin-path)

if [[ ! -f "$DATA/VENDAS.DBF" || ! -f "$DATA/VENDAS.TXT" ]]; then
    echo "# generating $RECORDS records into $DATA (about a minute per million)"
    mkdir -p "$DATA"
    python3 scripts/bench/vendas_gen.py "$RECORDS" "$DATA" --writer fast >/dev/null
fi
# keep the files in the page cache, as the reference figures assume
cat "$DATA"/VENDAS.* >/dev/null

# run NAME CMD...: times CMD (whole process) and prints one line
run() {
    local name=$1; shift
    local out=$WORK/.out err=$WORK/.time
    /usr/bin/time -f "%e %U %S %M" -o "$err" "$@" >"$out" 2>"$WORK/.stderr" || {
        echo "FAILED: $name"; cat "$WORK/.stderr"; return 1; }
    read -r wall user sys rss <"$err"
    local own; own=$(grep -E 'records=|seconds=' "$out" | tail -1 || true)
    printf '%-28s wall=%6.3fs cpu=%6.3fs peak=%6.1fMiB  %s\n' "$name" "$wall" \
        "$(echo "$user + $sys" | bc)" "$(echo "scale=1; $rss / 1024" | bc)" "$own"
    eval "WALL_${name//[^A-Za-z0-9]/_}=$wall"
    eval "CPU_${name//[^A-Za-z0-9]/_}=$(echo "$user + $sys" | bc)"
}
ratio() { echo "scale=2; $1 / $2" | bc; }

if [[ $WHAT == all || $WHAT == read ]]; then
    echo "## full read of every value (memo included)"
    run cat cat "$DATA/VENDAS.DBF" "$DATA/VENDAS.FPT"
    run resgate-read "$BIN/resgate-bench" read "$DATA/VENDAS.DBF"
    run dbfread python3 scripts/bench/dbfread_read.py "$DATA/VENDAS.DBF"
    echo "ratio: resgate is $(ratio "$WALL_dbfread" "$WALL_resgate_read")x dbfread's records/s (target >= 40); by CPU time $(ratio "$CPU_dbfread" "$CPU_resgate_read")x"
fi

if [[ $WHAT == all || $WHAT == scan ]]; then
    echo "## scan of a folder of 300 tables"
    STORE=$WORK/store300
    if [[ ! -d $STORE ]]; then
        mkdir -p "$STORE" "$WORK/small"
        python3 scripts/bench/vendas_gen.py 2000 "$WORK/small" --writer fast >/dev/null
        for i in $(seq -w 1 300); do
            cp "$WORK/small/VENDAS.DBF" "$STORE/T$i.DBF"; cp "$WORK/small/VENDAS.FPT" "$STORE/T$i.FPT"
        done
    fi
    run resgate-scan-300 "$BIN/resgate" scan "$STORE" --json
fi

SETS=$WORK/sets
SET=$SETS/BENCH.zip
make_set() {
    [[ -f $SET ]] && return
    mkdir -p "$WORK/live" "$SETS"
    ln -sf "$DATA/VENDAS.DBF" "$WORK/live/VENDAS.DBF"; ln -sf "$DATA/VENDAS.FPT" "$WORK/live/VENDAS.FPT"
    "$BIN/resgate" backup --data "$WORK/live" --to "$SETS" --name BENCH --yes >/dev/null
}

if [[ $WHAT == all || $WHAT == backup ]]; then
    echo "## backup of VENDAS (text deflated, memo T.ZIP, manifest)"
    mkdir -p "$WORK/live" "$SETS"
    ln -sf "$DATA/VENDAS.DBF" "$WORK/live/VENDAS.DBF"; ln -sf "$DATA/VENDAS.FPT" "$WORK/live/VENDAS.FPT"
    rm -f "$SET" "$WORK/peer.zip"
    run zip-text bash -c "cd '$DATA' && zip -q '$WORK/peer.zip' VENDAS.TXT"
    run resgate-backup "$BIN/resgate" backup --data "$WORK/live" --to "$SETS" --name BENCH --yes
    echo "ratio: resgate backup takes $(ratio "$WALL_resgate_backup" "$WALL_zip_text")x the time of zip on the text (target <= 0.6)"
fi

if [[ $WHAT == all || $WHAT == parse ]]; then
    echo "## parse the zipped 1,000,000-line text to typed values"
    make_set
    run unzip-cat bash -c "unzip -p '$SET' 'VENDAS.TXT' 'VENDAS_[0-9]*.TXT' | cat >/dev/null"
    run resgate-parse "$BIN/resgate-bench" parse "$SET" VENDAS
    run python-csv python3 scripts/bench/csv_parse.py "$DATA/VENDAS.TXT" "$DATA/VENDAS.STRU"
    echo "ratio: resgate parse takes $(ratio "$WALL_resgate_parse" "$WALL_unzip_cat")x unzip -p | cat (target <= 1.3)"
    echo "ratio: resgate parse is $(ratio "$WALL_python_csv" "$WALL_resgate_parse")x faster than Python csv (unzipped text)"
fi

if [[ $WHAT == all || $WHAT == restore ]]; then
    echo "## restore VENDAS (with memo) from its zipped set into an empty folder"
    make_set
    rm -rf "$WORK/restored"
    run unzip-cat bash -c "unzip -p '$SET' 'VENDAS.TXT' 'VENDAS_[0-9]*.TXT' | cat >/dev/null"
    run resgate-restore "$BIN/resgate" restore "$SET" --into "$WORK/restored" --all --yes
    rm -rf "$WORK/pydbf"
    run python-dbf-sample python3 scripts/bench/dbf_restore.py "$SET" VENDAS "$WORK/pydbf" --limit "$PY_SAMPLE"
    PY_FULL=$(echo "scale=1; $WALL_python_dbf_sample * 1000000 / $PY_SAMPLE" | bc)
    echo "python-dbf extrapolated to 1,000,000 records: ${PY_FULL}s (from $PY_SAMPLE lines)"
    if command -v pgdbf >/dev/null && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
        PGBIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | tail -1)")
        PGD=$WORK/pg; rm -rf "$PGD"; mkdir -p "$PGD/sock"
        if [[ $(id -u) == 0 ]]; then
            # PostgreSQL refuses to run as root: the throwaway cluster belongs to postgres
            chmod 755 "$WORK"; chown -R postgres "$PGD"; AS=(runuser -u postgres --)
        else AS=(); fi
        "${AS[@]}" "$PGBIN/initdb" -D "$PGD/data" -A trust >/dev/null
        "${AS[@]}" "$PGBIN/pg_ctl" -D "$PGD/data" -o "-k $PGD/sock -c listen_addresses='' -c fsync=on" -l "$PGD/log" -w start >/dev/null
        chmod a+r "$DATA"/VENDAS.* || true
        # -m: the memo file; -s: convert cp1252 text to the database's UTF-8
        run pgdbf-psql "${AS[@]}" bash -c "set -o pipefail; pgdbf -s cp1252 -m '$DATA/VENDAS.FPT' '$DATA/VENDAS.DBF' | psql -q -v ON_ERROR_STOP=1 -h '$PGD/sock' -d postgres >/dev/null 2>&1"
        "${AS[@]}" "$PGBIN/pg_ctl" -D "$PGD/data" -m fast stop >/dev/null
        echo "ratio: resgate restore takes $(ratio "$WALL_resgate_restore" "$WALL_pgdbf_psql")x pgdbf | psql (target <= 0.7)"
    else
        echo "pgdbf/postgresql not installed: apt-get install pgdbf postgresql"
    fi
    echo "ratio: resgate restore takes $(ratio "$WALL_resgate_restore" "$WALL_unzip_cat")x unzip -p | cat (target <= 1.5)"
    echo "ratio: resgate restore is $(echo "scale=0; $PY_FULL / $WALL_resgate_restore" | bc)x the Python dbf script's records/s (target >= 80)"
fi

if [[ $WHAT == all || $WHAT == memory ]]; then
    echo "## peak memory of every command on hostile and damaged input (goal: < 64 MiB each)"
    H=$WORK/hostile
    [[ -f $H/deep.zip ]] || python3 scripts/bench/hostile_gen.py "$H"
    LIMIT_KIB=$((64 * 1024)); WORST=0; OVER=0
    # peak NAME CMD...: any exit status is fine (refusing is the point); prints peak RSS
    peak() {
        local name=$1; shift
        /usr/bin/time -f "%e %M %x" -o "$WORK/.time" "$@" >"$WORK/.out" 2>"$WORK/.stderr" || true
        read -r wall rss code <"$WORK/.time" || true
        [[ $code =~ ^[0-9]+$ ]] || code=signal
        local verdict=ok; if (( rss >= LIMIT_KIB )) || [[ $code == signal || $code -gt 3 ]]; then verdict=OVER; OVER=$((OVER + 1)); fi
        (( rss > WORST )) && WORST=$rss
        printf '%-34s wall=%7.3fs peak=%6.1fMiB exit=%-3s %s  %s\n' "$name" "$wall" "$(echo "scale=1; $rss / 1024" | bc)" \
            "$code" "$verdict" "$(head -c 110 "$WORK/.out" | tr '\n' ' ')"
    }
    for z in bomb records flood longline hugecount deep; do
        D=$WORK/hostile-data-$z; rm -rf "$D"; mkdir -p "$D"
        peak "verify $z.zip" "$BIN/resgate" verify "$H/$z.zip" --lang en
        peak "verify --json $z.zip" "$BIN/resgate" verify "$H/$z.zip" --json
        peak "show $z.zip T" "$BIN/resgate" show "$H/$z.zip" T --limit 5 --lang en
        peak "restore --dry-run $z.zip" "$BIN/resgate" restore "$H/$z.zip" --data "$D" --all --dry-run --lang en
        peak "restore --yes $z.zip" "$BIN/resgate" restore "$H/$z.zip" --data "$D" --all --yes --skip-bad-lines --lang en
    done
    peak "verify --defects-file flood.zip" "$BIN/resgate" verify "$H/flood.zip" --defects-file "$WORK/flood-defects.txt"
    echo "   (the full list: $(wc -l <"$WORK/flood-defects.txt") lines in the defects file)"
    peak "scan damaged/" "$BIN/resgate" scan "$H/damaged" --lang en
    peak "show damaged/VENDAS.DBF" "$BIN/resgate" show "$H/damaged/VENDAS.DBF" --lang en
    peak "show damaged/AGENDA.DBF" "$BIN/resgate" show "$H/damaged/AGENDA.DBF" --lang en
    peak "reindex --check damaged/" "$BIN/resgate" reindex "$H/damaged" --check --lang en
    make_set
    rm -rf "$WORK/restored-mem"
    peak "verify BENCH.zip (1M records)" "$BIN/resgate" verify "$SET" --quiet
    peak "restore BENCH.zip (1M records)" "$BIN/resgate" restore "$SET" --into "$WORK/restored-mem" --all --yes --quiet
    peak "scan restored (1M records)" "$BIN/resgate" scan "$WORK/restored-mem"
    echo "worst peak: $(echo "scale=1; $WORST / 1024" | bc) MiB; commands over 64 MiB or killed by a signal: $OVER"
fi

if [[ $WHAT == all || $WHAT == cdx ]]; then
    echo "## CDX: create the 3-tag index (CLIENTE; NUMERO; DTOS(EMISSAO)+SERIE) beside one full read"
    run resgate-read "$BIN/resgate-bench" read "$DATA/VENDAS.DBF"
    run resgate-cdx "$BIN/resgate-bench" cdx "$DATA/VENDAS.DBF" "$WORK/VENDAS3.cdx"
    echo "ratio: 3-tag CDX create takes $(ratio "$WALL_resgate_cdx" "$WALL_resgate_read")x one read of the table (target <= 2, peak < 64 MiB)"
    # reindex on a folder that links to the table, with the index just made
    IDX=$WORK/reindex; rm -rf "$IDX"; mkdir -p "$IDX"
    ln -s "$DATA/VENDAS.DBF" "$IDX/VENDAS.DBF"; ln -s "$DATA/VENDAS.FPT" "$IDX/VENDAS.FPT"
    cp "$WORK/VENDAS3.cdx" "$IDX/VENDAS.CDX"
    run resgate-reindex-check "$BIN/resgate" reindex "$IDX" --check --quiet
    run resgate-reindex "$BIN/resgate" reindex "$IDX" --yes --quiet
    echo "ratio: resgate reindex (check old, rebuild, prove new, swap) takes $(ratio "$WALL_resgate_reindex" "$WALL_resgate_read")x one read; --check $(ratio "$WALL_resgate_reindex_check" "$WALL_resgate_read")x"
    rm -rf "$IDX" "$WORK/VENDAS3.cdx"
fi
