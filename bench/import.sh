#!/bin/sh
# Benchmark: lrprep import of a big mysqldump into SQLite, against what a
# user would otherwise run, `mariadb < dump` into a fresh MariaDB database
# on the same machine. The dump is a fixture scaled up with tools/scale-dump
# (rows repeated with renumbered primary keys) to at least TARGET_MB.
# Prints the times, the ratio and the MB/s parsed (parser alone, and the
# whole import).
#
#   usage: bench/import.sh [BUILD_DIR] [TARGET_MB] [FIXTURE]
#   defaults: build, 200, lr62-mysql-openunderwriter.sql.xz (the richest)
# Needs: the MariaDB test server (socket $LRPREP_TEST_MYSQL_SOCKET, default
# /tmp/lrprep-servers/mysql.sock, user root); set BENCH_SKIP_MARIADB=1 to
# time lrprep alone. Work files go to $BENCH_DIR (default /tmp/lrprep-bench-import).
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
target_mb=${2:-200}
fixture=${3:-lr62-mysql-openunderwriter.sql.xz}
fixtures=${LRPREP_FIXTURES:-$src/../shared/fixtures}
work=${BENCH_DIR:-/tmp/lrprep-bench-import}
sock=${LRPREP_TEST_MYSQL_SOCKET:-/tmp/lrprep-servers/mysql.sock}
lrprep=$build/lrprep
[ -x "$lrprep" ] || { echo "no $lrprep: build first (meson setup $build && ninja -C $build)" >&2; exit 2; }
mkdir -p "$work"

now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc -l; }

# the generator: built by meson with the tests, else compiled here
scale=$build/tests/dump/scale-dump
if [ ! -x "$scale" ]; then
	scale=$work/scale-dump
	cc -O2 -o "$scale" "$src/tools/scale-dump.c"
fi

base=$work/base.sql
xz -dc "$fixtures/$fixture" > "$base"
base_bytes=$(stat -c %s "$base")
copies=$(( (target_mb * 1000000 + base_bytes - 1) / base_bytes ))
dump=$work/big.sql
"$scale" "$copies" < "$base" > "$dump"
bytes=$(stat -c %s "$dump")
mb=$(echo "$bytes / 1000000" | bc -l)
printf 'dump: %s x%d = %.1f MB (%s)\n' "$fixture" "$copies" "$mb" "$dump"

# 1. the parser alone (a sink that only counts)
if [ -x "$build/tests/dump/dump_parse_bench" ]; then
	"$build/tests/dump/dump_parse_bench" "$dump" > "$work/parse.txt"
	parse_cpu=$( { /usr/bin/time -f '%U %S' "$build/tests/dump/dump_parse_bench" "$dump" > /dev/null; } 2>&1 | tail -1)
	parse_mbs=$(sed -E 's/.*: ([0-9.]+) MB\/s/\1/' "$work/parse.txt")
	cpu=$(echo "$parse_cpu" | awk '{print $1 + $2}')
	printf 'parse only:      %s MB/s wall, %.0f MB/s of CPU time (%.2f s user+sys)\n' "$parse_mbs" \
		"$(echo "$mb / $cpu" | bc -l)" "$cpu"
fi

# 2. lrprep import into SQLite
rm -f "$work/big.db"
t0=$(now)
"$lrprep" import "$dump" -o "$work/big.db" --force -q
t1=$(now)
lt=$(secs "$t0" "$t1")
printf 'lrprep import:   %.2f s, %.1f MB/s (%s)\n' "$lt" "$(echo "$mb / $lt" | bc -l)" \
	"$(ls -la "$work/big.db" | awk '{printf "%.0f MB SQLite file", $5 / 1000000}')"

# 3. mariadb < dump into a fresh database
if [ "${BENCH_SKIP_MARIADB:-0}" = 1 ]; then
	exit 0
fi
db=t_import_bench_$$
my() { mariadb --socket="$sock" -uroot "$@"; }
my -e "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db"
t0=$(now)
my "$db" < "$dump"
t1=$(now)
mt=$(secs "$t0" "$t1")
my -e "DROP DATABASE $db"
printf 'mariadb < dump:  %.2f s, %.1f MB/s\n' "$mt" "$(echo "$mb / $mt" | bc -l)"
printf 'ratio:           lrprep import is %.1fx faster than mariadb < dump\n' "$(echo "$mt / $lt" | bc -l)"
