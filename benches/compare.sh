#!/usr/bin/env bash
# Whole-process benchmarks of liaison, side by side with the sqlite3
# command-line tool on the same file in the same run. Quotes medians, min,
# max and the ratio to the reference; never asserts times.
#
#   bash benches/compare.sh                  # 20,000 organisations, 1,000,000 log entries
#   ORGS=2000 LOG=100000 bash benches/compare.sh
#   GEN_PROFILE=dev ORGS=200 LOG=10000 RUNS=3 bash benches/compare.sh   # what CI runs: proves it still works
#   ORGS=200000 LOG=10000000 RUNS=3 BUILD=import IMPORT_RUNS=1 bash benches/compare.sh
#       # ten times larger: the database is built by importing the CSV files
#       # (the generator's --db writes row by row), and the import row is
#       # timed once, without a warm-up
#   ONLY='task list|agenda' bash benches/compare.sh   # only the rows whose names match
#
# Results go to target/bench/results-ORGS-LOG.md (a markdown table).
set -euo pipefail
cd "$(dirname "$0")/.."

ORGS=${ORGS:-20000}
LOG=${LOG:-1000000}
RUNS=${RUNS:-9}
DATA=${DATA:-target/bench/data-$ORGS-$LOG}
RESULTS=${RESULTS:-target/bench/results-$ORGS-$LOG.md}

if ! command -v sqlite3 >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        (apt-get update -qq && apt-get install -y -qq sqlite3) >/dev/null
    else
        echo "error: the sqlite3 command-line tool is needed for the reference runs" >&2
        echo "hint: install it (Debian: apt-get install sqlite3)" >&2
        exit 1
    fi
fi

# Two builds: the binary alone is the one `cargo run --release` makes (an
# example brings in the dev-dependencies, whose features would make it
# another build of the same crates).
# GEN_PROFILE=dev builds the dataset generator in the dev profile instead,
# where `cargo test` has already built its dev-dependencies: right for a
# tiny dataset (what CI runs), too slow for a large one. Only the data
# are made with it; liaison itself is always the release build.
cargo build --release --quiet --bin liaison
if [ "${GEN_PROFILE:-release}" = dev ]; then
    cargo build --quiet --example gen_dataset
    GEN=./target/debug/examples/gen_dataset
else
    cargo build --release --quiet --example gen_dataset
    GEN=./target/release/examples/gen_dataset
fi
BIN=$PWD/target/release/liaison
mkdir -p "$(dirname "$RESULTS")"
if [ ! -f "$DATA/liaison.db" ]; then
    if [ "${BUILD:-}" = import ]; then
        "$GEN" --orgs "$ORGS" --log "$LOG" --out "$DATA" 2>/dev/null
        "$BIN" --db "$DATA/liaison.db.partial" init >/dev/null
        for what in orgs people log tasks; do
            LIAISON_DB="$DATA/liaison.db.partial" "$BIN" import "$what" "$DATA/$what.csv" --no-input >/dev/null
        done
        mv "$DATA/liaison.db.partial" "$DATA/liaison.db"
    else
        "$GEN" --orgs "$ORGS" --log "$LOG" --out "$DATA" --db 2>/dev/null
    fi
fi
DB=$DATA/liaison.db
export LIAISON_DB=$DB LIAISON_NOW=2026-11-27T10:00:00Z NO_COLOR=1

# A partner with many contacts (skewed data: o0 gets the most).
ORG=o0
now_ns() { date +%s%N; }

# time_runs CMD...: prints the wall times of RUNS runs (after one warm-up
# unless NO_WARMUP is set), in ms.
time_runs() {
    if [ -z "${NO_WARMUP:-}" ]; then
        "$@" >/dev/null 2>&1 || { echo "error: failed: $*" >&2; "$@" >/dev/null; }
    fi
    for _ in $(seq "$RUNS"); do
        local t0 t1
        t0=$(now_ns)
        "$@" >/dev/null 2>&1
        t1=$(now_ns)
        echo "$(( (t1 - t0) / 1000 ))"
    done | awk '{ printf "%.2f\n", $1 / 1000 }'
}

# stats: median min max of numbers on stdin.
stats() {
    sort -n | awk '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%.2f %.2f %.2f\n", m, v[1], v[NR] }'
}

# peak_kb CMD...: peak resident memory of one run, in kB (empty without GNU time).
peak_kb() {
    if /usr/bin/time -f %M true >/dev/null 2>&1; then
        if declare -F "$1" >/dev/null; then
            export -f "$1"
            /usr/bin/time -f %M bash -c "$1" 2>&1 >/dev/null | tail -n 1 || true
        else
            /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1 || true
        fi
    fi
}

{
    echo "# liaison vs sqlite3: $ORGS organisations, $LOG log entries, $RUNS runs each"
    echo
    echo "Machine: $(nproc) cores; $(sqlite3 --version | cut -d' ' -f1) CLI as reference. Times in ms (wall, whole process)."
    echo
    echo "| what | liaison median (min–max) | reference median (min–max) | ratio | target | peak RSS |"
    echo "|---|---|---|---|---|---|"
} >"$RESULTS"

# row NAME TARGET REFERENCE-CMD -- LIAISON-CMD (skipped unless NAME
# matches ONLY, when that is set)
row() {
    local name=$1 target=$2
    shift 2
    if [ -n "${ONLY:-}" ] && ! [[ $name =~ $ONLY ]]; then
        return 0
    fi
    local ref=()
    while [ "$1" != "--" ]; do ref+=("$1"); shift; done
    shift
    read -r rm rmin rmax < <(time_runs "${ref[@]}" | stats)
    read -r lm lmin lmax < <(time_runs "$@" | stats)
    local ratio peak
    ratio=$(awk -v a="$lm" -v b="$rm" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')
    peak=$(peak_kb "$@")
    [ -n "$peak" ] && peak="$((peak / 1024)) MB"
    echo "| $name | $lm ($lmin–$lmax) | $rm ($rmin–$rmax) | ${ratio}× | $target | $peak |" | tee -a "$RESULTS"
}

ONE_LOOKUP=(sqlite3 "$DB" "SELECT name FROM organisations WHERE handle = '$ORG'")

row "org list (all)" "—" sqlite3 "$DB" "SELECT handle, name, native_name, country FROM organisations ORDER BY sort_key" -- "$BIN" org list
row "org show ORG" "< 20 ms" "${ONE_LOOKUP[@]}" -- "$BIN" org show "$ORG"
row "history ORG" "< 20 ms" "${ONE_LOOKUP[@]}" -- "$BIN" history "$ORG"
row "task list" "< 20 ms" "${ONE_LOOKUP[@]}" -- "$BIN" task list
row "agenda" "< 50 ms" "${ONE_LOOKUP[@]}" -- "$BIN" agenda
row "search (FTS over log)" "< 50 ms" "${ONE_LOOKUP[@]}" -- "$BIN" search "teachers strikes"
row "log --no-input (write)" "< 20 ms" "${ONE_LOOKUP[@]}" -- "$BIN" log "$ORG" --channel email --summary "benchmark entry" --no-input

# Import: liaison into a database holding only the organisations, against
# sqlite3 .import of the same CSV into a bare table. Each run starts from a
# fresh copy, so both sides write the same rows every time.
IMPORT_DIR=$(mktemp -d)
export IMPORT_DIR BIN DATA
trap 'rm -rf "$IMPORT_DIR"' EXIT
if [ -z "${SKIP_IMPORT:-}" ]; then
    LIAISON_DB="$IMPORT_DIR/base.db" "$BIN" init >/dev/null
    LIAISON_DB="$IMPORT_DIR/base.db" "$BIN" import orgs "$DATA/orgs.csv" >/dev/null
fi
import_liaison() {
    rm -f "$IMPORT_DIR/l.db" "$IMPORT_DIR/l.db-wal" "$IMPORT_DIR/l.db-shm"
    cp "$IMPORT_DIR/base.db" "$IMPORT_DIR/l.db"
    LIAISON_DB="$IMPORT_DIR/l.db" "$BIN" import log "$DATA/log.csv" --no-input
}
import_sqlite3() {
    rm -f "$IMPORT_DIR/r.db"
    sqlite3 "$IMPORT_DIR/r.db" ".mode csv" ".import '$DATA/log.csv' log"
}
# A second reference: sqlite3 loading the same file into liaison's own
# schema, the least any loader has to do there. The entries and their
# links to organisations (looked up by name, else by handle) under the
# schema's indexes, built after the load, and a full-text index of the
# summaries (a table of its own: this CLI's FTS5 predates the option
# `contentless_delete` the schema's search index has). No checks, history,
# follow-ups, folding or duplicate check. Written through a rollback
# journal, as liaison writes a bulk load.
SCHEMA_SQL="$IMPORT_DIR/same-schema.sql"
cat >"$SCHEMA_SQL" <<SQL
PRAGMA journal_mode = DELETE;
PRAGMA synchronous = NORMAL;
PRAGMA cache_size = -65536;
BEGIN;
DROP INDEX interactions_date;
DROP INDEX interactions_date_channel;
DROP INDEX interaction_orgs_date;
DROP INDEX interaction_orgs_org_date;
CREATE TEMP TABLE raw (date, organisation, channel, direction, subject, summary, follow_up, due);
.mode csv
.import --schema temp --skip 1 '$DATA/log.csv' raw
INSERT INTO interactions (id, date, channel, direction, subject, summary, logged_by, created_at, updated_at)
  SELECT printf('%016x%016x', 1, rowid), date, channel, direction, nullif(subject, ''), summary,
         'bench', '2026-11-27T10:00:00Z', '2026-11-27T10:00:00Z'
    FROM temp.raw ORDER BY rowid;
INSERT INTO interaction_orgs (interaction_id, org_id, date)
  SELECT printf('%016x%016x', 1, r.rowid),
         coalesce((SELECT n.org_id FROM org_names n WHERE n.key = lower(r.organisation) LIMIT 1),
                  (SELECT o.id FROM organisations o WHERE o.handle = r.organisation),
                  (SELECT min(id) FROM organisations)),
         r.date
    FROM temp.raw r ORDER BY r.rowid;
CREATE INDEX interactions_date ON interactions (date);
CREATE INDEX interactions_date_channel ON interactions (date, deleted_at, channel, direction);
CREATE INDEX interaction_orgs_date ON interaction_orgs (date, org_id, interaction_id);
CREATE INDEX interaction_orgs_org_date ON interaction_orgs (org_id, date);
CREATE VIRTUAL TABLE bench_fts USING fts5 (text, content = '', tokenize = 'unicode61 remove_diacritics 0');
INSERT INTO bench_fts (rowid, text) SELECT rid, lower(coalesce(subject, '') || ' ' || summary) FROM interactions;
COMMIT;
SQL
import_sqlite3_schema() {
    rm -f "$IMPORT_DIR/s.db" "$IMPORT_DIR/s.db-journal"
    cp "$IMPORT_DIR/base.db" "$IMPORT_DIR/s.db"
    sqlite3 -bail "$IMPORT_DIR/s.db" ".read $SCHEMA_SQL" >/dev/null
}
IMPORT_RUNS=${IMPORT_RUNS:-$(( RUNS < 3 ? RUNS : 3 ))}
# SKIP_IMPORT=1 leaves the import rows out (timed on their own at the
# largest scale, where each run takes minutes).
IMPORT_NAME="import $LOG log rows (orgs by name)"
if [ -z "${SKIP_IMPORT:-}" ] && { [ -z "${ONLY:-}" ] || [[ $IMPORT_NAME =~ $ONLY ]]; }; then
    warmup=${NO_WARMUP:-}
    [ "$IMPORT_RUNS" -lt 2 ] && warmup=1
    read -r lm lmin lmax < <(NO_WARMUP=$warmup RUNS=$IMPORT_RUNS time_runs import_liaison | stats)
    peak=$(peak_kb import_liaison)
    [ -n "$peak" ] && peak="$((peak / 1024)) MB"
    for ref in bare schema; do
        if [ $ref = bare ]; then
            read -r rm rmin rmax < <(NO_WARMUP=$warmup RUNS=$IMPORT_RUNS time_runs import_sqlite3 | stats)
            name="$IMPORT_NAME" target="≤ 2×"
        else
            read -r rm rmin rmax < <(NO_WARMUP=$warmup RUNS=$IMPORT_RUNS time_runs import_sqlite3_schema | stats)
            name="the same, against sqlite3 loading liaison's schema" target="—"
        fi
        ratio=$(awk -v a="$lm" -v b="$rm" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')
        echo "| $name | $lm ($lmin–$lmax) | $rm ($rmin–$rmax) | ${ratio}× | $target | $peak |" | tee -a "$RESULTS"
    done
fi
row "export $LOG log rows" "≤ 1×" sqlite3 -csv "$DB" \
    "SELECT id, date, time, channel, direction, subject, summary, logged_by, created_at, updated_at FROM interactions ORDER BY date" \
    -- "$BIN" export log

# The quarterly report against the same aggregates written by hand for
# sqlite3 (both periods: the quarter and the one before).
REPORT_SQL="$IMPORT_DIR/report.sql"
for period in "'2026-07-01' AND '2026-09-30'" "'2026-04-01' AND '2026-06-30'"; do
    cat >>"$REPORT_SQL" <<SQL
SELECT count(*) FROM interactions WHERE date BETWEEN $period AND deleted_at IS NULL;
SELECT count(DISTINCT org_id) FROM interaction_orgs WHERE date BETWEEN $period;
SELECT o.region, count(DISTINCT x.interaction_id), count(DISTINCT x.org_id) FROM interaction_orgs x
  JOIN organisations o ON o.id = x.org_id WHERE x.date BETWEEN $period GROUP BY o.region ORDER BY 2 DESC;
SELECT o.country, count(DISTINCT x.interaction_id), count(DISTINCT x.org_id) FROM interaction_orgs x
  JOIN organisations o ON o.id = x.org_id WHERE x.date BETWEEN $period GROUP BY o.country ORDER BY 2 DESC;
SELECT channel, count(*) FROM interactions WHERE date BETWEEN $period GROUP BY channel;
SELECT direction, count(*) FROM interactions WHERE date BETWEEN $period GROUP BY direction;
SELECT o.handle, count(*) AS n FROM interaction_orgs x JOIN organisations o ON o.id = x.org_id
  WHERE x.date BETWEEN $period GROUP BY o.id ORDER BY n DESC LIMIT 10;
SELECT count(*) FROM tasks WHERE status = 'done' AND done_on BETWEEN $period;
SQL
done
cat >>"$REPORT_SQL" <<'SQL'
SELECT handle FROM organisations o WHERE status = 'partner' AND NOT EXISTS (
  SELECT 1 FROM interaction_orgs x WHERE x.org_id = o.id AND x.date BETWEEN '2026-07-01' AND '2026-09-30');
SELECT date, count(*) FROM interactions WHERE date BETWEEN '2025-10-01' AND '2026-09-30' GROUP BY date;
SQL
for f in text md html csv json; do
    row "report quarterly --format $f" "≤ 1.5×, < 250 ms" sqlite3 "$DB" ".read $REPORT_SQL" -- \
        "$BIN" report quarterly --quarter 2026Q3 --format "$f"
done
echo
echo "results: $RESULTS"
