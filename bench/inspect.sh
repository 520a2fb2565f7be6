#!/bin/bash
# Benchmark: lrprep inspect (every check) on generated 1M- and 5M-row Liferay
# databases, against a full read of the same tables (SELECT * of every table
# through the sqlite3 shell), and the 1M -> 5M scaling.
# Goals: inspect <= 2x the full read; 5M time <= 5.5x the 1M time.
# usage: bench/inspect.sh [BUILD_DIR] [WORK_DIR]   (default: build, /tmp/lrprep-bench-inspect)
set -eu
build=${1:-build}
work=${2:-/tmp/lrprep-bench-inspect}
lrprep=$build/lrprep
[ -x "$lrprep" ] || { echo "no $lrprep: build first (ninja -C $build)" >&2; exit 3; }
command -v sqlite3 >/dev/null || { echo "sqlite3 shell not found" >&2; exit 3; }
mkdir -p "$work"

gen() { # rows file
	[ -s "$2" ] || "$lrprep" sample -o "$2" --rows "$1" --no-store --force >/dev/null
}

# Each contender prints "wall cpu" seconds (cpu = user + sys): on a shared
# machine the CPU figure is the steadier one.
measure() { # command... -> "wall cpu"
	/usr/bin/time -f '%e %U %S' -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
	tail -n 1 "$work/time.txt" | awk '{ printf "%.2f %.2f", $1, $2 + $3 }'
}

read_all() { # file: SELECT * of every table through the sqlite3 shell
	for t in $(sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table'"); do
		sqlite3 "$1" "SELECT * FROM \"$t\"" >/dev/null
	done
}

printf '%-4s %9s %15s %15s %12s\n' rows dbrows "read wall/cpu" "inspect wall/cpu" "ratio w/cpu"
for n in 1000000 5000000; do
	db=$work/sample-$n.db
	gen "$n" "$db"
	total=0
	for t in $(sqlite3 "$db" "SELECT name FROM sqlite_master WHERE type = 'table'"); do
		total=$((total + $(sqlite3 "$db" "SELECT COUNT(*) FROM \"$t\"")))
	done
	read_all "$db" # warm the page cache for both contenders
	set -- $(measure bash -c "$(typeset -f read_all); read_all '$db'")
	rw=$1 rc=$2
	set -- $(measure "$lrprep" inspect --json "$db")
	cw=$1 cc=$2
	printf '%-4s %9d %7.2f/%-7.2f %7.2f/%-7.2f %5.2f/%-5.2f\n' "$((n / 1000000))M" "$total" \
		"$rw" "$rc" "$cw" "$cc" "$(echo "$cw / $rw" | bc -l)" "$(echo "$cc / $rc" | bc -l)"
	eval "w_$n=$cw c_$n=$cc"
done
printf 'scaling 1M -> 5M: wall %.2fx, cpu %.2fx (goal <= 5.5x); inspect/read goal <= 2x\n' \
	"$(echo "$w_5000000 / $w_1000000" | bc -l)" "$(echo "$c_5000000 / $c_1000000" | bc -l)"
