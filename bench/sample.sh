#!/bin/sh
# Benchmark of `lrprep sample`: ten million rows into SQLite (goal: under a
# minute on a two-core machine). Prints seconds and rows/s for the whole run
# (rows, the product's indexes, the document store) and for the rows alone,
# the CPU seconds of each run (user + system, all threads) and the load
# average, and for the complete run where the time went (lrprep -v phases).
#   bench/sample.sh [BUILD_DIR] [ROWS]
# Wrap it in `flock /tmp/lrprep-bench.lock` on a shared machine; set TMPDIR to a
# directory that has not seen mass deletions (docs/sample.md, Scale and speed).
set -eu
build=${1:-build}
rows=${2:-10000000}
bin=$(cd "$(dirname "$0")/.." && pwd)/$build/lrprep
[ -x "$bin" ] || { echo "no $bin: build first (meson setup $build && ninja -C $build)" >&2; exit 3; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/lrprep-bench-sample.XXXXXX")
trap 'rm -rf "$dir"' EXIT
tm=
[ -x /usr/bin/time ] && tm="/usr/bin/time -f %U+%S -o $dir/cpu"

# Each run writes a fresh output: deleting a store's 150,000 files right
# before writing as many is several times slower on ext4 without a journal
# (recently freed inodes are skipped), which is not the sample's cost. The
# stores stay until the end; the databases (one file each) go at once.
n=0
run() {
	label=$1
	shift
	n=$((n + 1))
	sync # the previous run's gigabytes are written back now, not during this one
	start=$(date +%s.%N)
	$tm "$bin" -v sample -o "$dir/s$n.db" --rows "$rows" --json "$@" >"$dir/out.json" \
		2>"$dir/phases"
	end=$(date +%s.%N)
	mb=$(($(stat -c %s "$dir/s$n.db") / 1048576))
	rm -f "$dir/s$n.db"
	written=$(sed -n 's/.*"rows": *\([0-9]*\).*/\1/p' "$dir/out.json")
	files=$(sed -n 's/.*"files": *\([0-9]*\).*/\1/p' "$dir/out.json")
	cpu=$([ -s "$dir/cpu" ] && tail -1 "$dir/cpu" | awk -F+ '{ printf "%.0f", $1 + $2 }' || echo "?")
	awk -v l="$label" -v s="$start" -v e="$end" -v r="$written" -v f="$files" -v c="$cpu" -v m="$mb" \
		'BEGIN { t = e - s; printf "%-36s %9d rows %7d files %6.1f s %8.0f rows/s %5s s CPU %6d MB%s\n", l, r, f, t, r / t, c, m, (t < 60 ? "" : "  (goal: < 60 s)") }'
}

echo "lrprep sample, $rows rows into SQLite ($(nproc) cores), load average $(cut -d' ' -f1-3 /proc/loadavg)"
# How fast this machine is at what the sample spends its time on (SQLite's
# CPU work, new page-cache pages), so that figures from two machines, or
# from one shared machine at two hours, can be told apart from the code's:
# one SQLite CREATE INDEX over a million generated rows, and 1 GB written
# into fresh page-cache pages of tmpfs.
ref=$(mktemp -d /dev/shm/lrprep-bench-ref.XXXXXX 2>/dev/null || mktemp -d)
t0=$(date +%s.%N)
sqlite3 "$ref/r.db" "PRAGMA journal_mode=OFF; CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT, c INT);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)
INSERT INTO t SELECT i, hex(randomblob(16)), i % 1000 FROM n; CREATE INDEX tb ON t(b, c);" >/dev/null
t1=$(date +%s.%N)
dd if=/dev/zero of="$ref/w" bs=1M count=1024 2>/dev/null
t2=$(date +%s.%N)
rm -rf "$ref"
awk -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN { printf "machine: SQLite reference (1M rows + index) %.2f s; fresh page-cache writes %.0f MB/s\n", b - a, 1024 / (c - b) }'
run "rows only (--no-indexes --no-store)" --no-indexes --no-store
run "rows + store (--no-indexes)" --no-indexes
run "complete (rows, indexes, store)"
sed -n 's/^sample: /  /p' "$dir/phases"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
