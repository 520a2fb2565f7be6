#!/bin/sh
# Benchmark of `lrprep sample`: ten million rows into SQLite (goal: under a
# minute on a two-core machine). Prints seconds and rows/s for the whole run
# (rows, the product's indexes, the document store) and for the rows alone.
#   bench/sample.sh [BUILD_DIR] [ROWS]
set -eu
build=${1:-build}
rows=${2:-10000000}
bin=$(cd "$(dirname "$0")/.." && pwd)/$build/lrprep
[ -x "$bin" ] || { echo "no $bin: build first (meson setup $build && ninja -C $build)" >&2; exit 3; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/lrprep-bench-sample.XXXXXX")
trap 'rm -rf "$dir"' EXIT

run() {
	label=$1
	shift
	start=$(date +%s.%N)
	"$bin" sample -o "$dir/s.db" --force --rows "$rows" --json "$@" >"$dir/out.json"
	end=$(date +%s.%N)
	written=$(sed -n 's/.*"rows": *\([0-9]*\).*/\1/p' "$dir/out.json")
	files=$(sed -n 's/.*"files": *\([0-9]*\).*/\1/p' "$dir/out.json")
	awk -v l="$label" -v s="$start" -v e="$end" -v r="$written" -v f="$files" \
		'BEGIN { t = e - s; printf "%-34s %10d rows %8d files %8.1f s %10.0f rows/s%s\n", l, r, f, t, r / t, (t < 60 ? "" : "  (goal: < 60 s)") }'
}

echo "lrprep sample, $rows rows into SQLite ($(nproc) cores)"
run "rows only (--no-indexes --no-store)" --no-indexes --no-store
run "rows + store (--no-indexes)" --no-indexes
run "complete (rows, indexes, store)"
ls -l "$dir/s.db" | awk '{ printf "database: %.0f MB\n", $5 / 1048576 }'
