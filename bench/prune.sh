#!/bin/sh
# Benchmark of `lrprep prune`: removing >= 1,000,000 intermediate web content
# versions (with their per-version rows) from a generated MariaDB database,
# against
#   (a) the same rows removed one at a time: one single-row DELETE per row,
#       one transaction per removed object (the shape of Liferay's API path:
#       a deleteArticle call per version; its SELECTs are left out, which
#       favours (a)); timed on A_SAMPLE rows spread over every table and
#       extrapolated per table;
#   (b) a bare batched DELETE ... WHERE pk IN (SELECT ...) by 10,000 keys,
#       no journal (keys preloaded into a temporary table, not timed).
# Both baselines delete exactly the rows the prune journaled, in the same
# order (tools/prune-bench.c reads them from the journal).
# Goals: prune >= 20x faster than (a), <= 2x the time of (b).
# The server runs with MariaDB's default durability for the whole benchmark
# (innodb_flush_log_at_trx_commit=1: a commit is on disk when it returns, as
# on a production server); the test suite's faster setting is put back after.
#
#   bench/prune.sh [BUILD_DIR] [ARTICLES_PER_SITE] [VERSIONS] [SITES]
# Defaults: build, 2000 articles x 11 sites x up to 95 versions: just over
# one million intermediate versions (10 sites gave 947,603). Needs the MariaDB
# test server: LRPREP_TEST_MYSQL_URI and LRPREP_TEST_MYSQL_SOCKET (root over
# the socket, to create and clone the databases) -- source
# /tmp/lrprep-servers/env. Environment: A_SAMPLE (default 20000),
# LRPREP_BENCH_BIN (an lrprep binary other than BUILD_DIR/lrprep).
set -eu
build=${1:-build}
articles=${2:-2000}
versions=${3:-95}
sites=${4:-11}
a_sample=${A_SAMPLE:-20000}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${LRPREP_BENCH_BIN:-$root/$build/lrprep}
[ -x "$bin" ] || { echo "no $bin: build first (meson setup $build && ninja -C $build)" >&2; exit 3; }
: "${LRPREP_TEST_MYSQL_URI:?source /tmp/lrprep-servers/env}"
: "${LRPREP_TEST_MYSQL_SOCKET:?source /tmp/lrprep-servers/env}"
dir=$(mktemp -d "${TMPDIR:-/tmp}/lrprep-bench-prune.XXXXXX")
pristine=b_prunebench_pristine
work=b_prunebench_work
my() { mariadb --socket="$LRPREP_TEST_MYSQL_SOCKET" -uroot "$@"; }
flush_was=$(my -N -e "SELECT @@GLOBAL.innodb_flush_log_at_trx_commit")
cleanup() {
	my -e "SET GLOBAL innodb_flush_log_at_trx_commit = $flush_was" || true
	my -e "DROP DATABASE IF EXISTS $pristine; DROP DATABASE IF EXISTS $work" || true
	rm -rf "$dir"
}
trap cleanup EXIT
my -e "SET GLOBAL innodb_flush_log_at_trx_commit = 1"
uri=${LRPREP_TEST_MYSQL_URI%/}/$work
t() { date +%s.%N; }
secs() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.1f", e - s }'; }

# the baseline helper, built against the build dir's library
cc -std=c17 -D_GNU_SOURCE -O2 -I"$root/src" -o "$dir/prune-bench" "$root/tools/prune-bench.c" \
	"$root/$build/liblrcore.a" $(pkg-config --libs sqlite3 libmariadb libpq jansson zlib liblzma libzstd libcrypto) \
	-lpthread -lm

# work := copy of pristine, server side (every index and type kept)
clone() {
	my -e "DROP DATABASE IF EXISTS $work; CREATE DATABASE $work"
	my -N -B -e "SELECT CONCAT('CREATE TABLE \`$work\`.\`', table_name, '\` LIKE \`$pristine\`.\`', table_name,
		'\`; INSERT INTO \`$work\`.\`', table_name, '\` SELECT * FROM \`$pristine\`.\`', table_name, '\`;')
		FROM information_schema.tables WHERE table_schema = '$pristine' AND table_type = 'BASE TABLE'" | my
	# fresh tables have no index statistics yet; a real database has them
	my -N -B -e "SELECT CONCAT('ANALYZE TABLE \`$work\`.\`', table_name, '\`;') FROM information_schema.tables
		WHERE table_schema = '$work' AND table_type = 'BASE TABLE'" | my >/dev/null
}

echo "lrprep prune benchmark: $sites sites x $articles articles x ~$versions versions (Liferay 7.1, MariaDB, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), innodb_flush_log_at_trx_commit=1)"
my -e "DROP DATABASE IF EXISTS $pristine; CREATE DATABASE $pristine"
s=$(t)
"$bin" sample --into "${LRPREP_TEST_MYSQL_URI%/}/$pristine" --liferay 7.1 --no-store --sites "$sites" \
	--articles "$articles" --versions "$versions" --force --json >"$dir/sample.json"
echo "generated: $(sed -n 's/.*"rows": *\([0-9]*\).*/\1/p' "$dir/sample.json") rows in $(secs "$s" "$(t)") s"

clone
"$bin" plan "$uri" --only article-version -o "$dir/plan.json" >/dev/null
objects=$(grep -c '"kind": "article-version"' "$dir/plan.json" || true)
echo "plan: $objects intermediate web content versions"

s=$(t)
"$bin" -v prune "$uri" --plan "$dir/plan.json" --journal "$dir/journal" --force --json >"$dir/prune.json" \
	2>"$dir/prune.log"
e=$(t)
# where the time went, phase by phase (-v)
sed -n 's/^prune: /  /p; s/^cascade round/  cascade round/p' "$dir/prune.log"
t_prune=$(secs "$s" "$e")
rows=$(awk '/"rows": *\{/ { on = 1; next } on && /\}/ { on = 0 } on { gsub(/[^0-9]/, "", $2); n += $2 } END { print n }' "$dir/prune.json")
echo "lrprep prune (journaled, re-checked):        $rows rows in $t_prune s (journal $(du -sh "$dir/journal" | cut -f1))"

clone
set -- $("$dir/prune-bench" "$uri" "$dir/journal" batched)
t_b=$3
echo "(b) bare batched DELETE, no journal:         $2 rows in $t_b s"

clone
per_txn=$(awk -v r="$rows" -v o="$objects" 'BEGIN { n = int(r / o + 0.5); print n < 1 ? 1 : n }')
set -- $("$dir/prune-bench" "$uri" "$dir/journal" rows "$a_sample" "$per_txn")
t_a=$(awk -v s="$4" 'BEGIN { printf "%.1f", s }')
echo "(a) single-row DELETEs, $per_txn per transaction: $2 rows in $3 s -> $t_a s extrapolated to $rows rows"

awk -v p="$t_prune" -v a="$t_a" -v b="$t_b" 'BEGIN {
	printf "prune vs (a): %.1fx faster (goal >= 20x)%s\n", a / p, (a / p >= 20 ? "" : "  MISSED")
	printf "prune vs (b): %.2fx the time (goal <= 2x)%s\n", p / b, (p / b <= 2 ? "" : "  MISSED")
}'
