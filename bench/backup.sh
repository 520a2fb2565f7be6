#!/bin/sh
# bench/backup.sh — lrprep backup against what an administrator would run instead:
#   database part   vs mysqldump --single-transaction (goal <= 0.5x its time)
#                   vs mydumper -t 2                  (goal <= 1.0x)
#   PostgreSQL part vs pg_dump -Fd -j2                (ratio printed)
#   store, full     vs rsync -a                       (goal <= 1.2x)
#   store, re-run   vs rsync -a re-run                (goal <= 1.0x)
#   and SHA-256 throughput of lrprep verify.
#
# usage: bench/backup.sh [ROWS [STORE_MB]]
#   ROWS      rows of the generated database (lrprep sample --rows; default
#             1200000, over 1 GiB of InnoDB data + indexes: 1000000 gave 955 MiB)
#   STORE_MB  size of the generated document store (default 2048)
# Environment: LRPREP (binary, default build/lrprep), BENCH_DIR (work area,
# default /tmp/lrprep-bench-backup), LRPREP_TEST_MYSQL_URI / LRPREP_TEST_PG_URI
# (read from /tmp/lrprep-servers/env when present), BENCH_REGEN=1 to generate
# the databases again, BENCH_REPS (default 5) runs of every case. The
# databases are bench_backup on both servers; they are generated once and
# reused. Timings are wall-clock, warm page cache, after a sync; the cases
# compared run interleaved, and the ratios of the median and of the best of
# BENCH_REPS runs are printed, the same for every tool. Each line shows the
# load average before the run and the CPU time of the tool itself (a
# database server's work is not in it).
set -eu

ROWS=${1:-1200000}
STORE_MB=${2:-2048}
here=$(cd "$(dirname "$0")/.." && pwd)
LRPREP=${LRPREP:-$here/build/lrprep}
W=${BENCH_DIR:-/tmp/lrprep-bench-backup}
[ -f /tmp/lrprep-servers/env ] && . /tmp/lrprep-servers/env
MY=${LRPREP_TEST_MYSQL_URI:?MariaDB URI (LRPREP_TEST_MYSQL_URI)}
PG=${LRPREP_TEST_PG_URI:-}
mkdir -p "$W"
# the tools compared with (Debian packages; tools/install-deps does not
# install them: CI runs no benchmark)
for tool in mysqldump mydumper rsync bc /usr/bin/time python3 ${PG:+pg_dump psql}; do
	command -v "$tool" >/dev/null 2>&1 ||
		{ echo "bench/backup.sh: $tool is missing (apt-get install mydumper rsync bc time)" >&2; exit 3; }
done

ratio() { echo "scale=2; $1 / $2" | bc -l; }
# client arguments out of a mariadb://user:pass@host:port/ URI
my_host=$(echo "$MY" | sed -E 's|^[a-z]+://([^:@/]*)(:([^@]*))?@([^:/]*)(:([0-9]+))?/.*|\4|')
my_port=$(echo "$MY" | sed -E 's|^[a-z]+://([^:@/]*)(:([^@]*))?@([^:/]*)(:([0-9]+))?/.*|\6|')
my_user=$(echo "$MY" | sed -E 's|^[a-z]+://([^:@/]*)(:([^@]*))?@.*|\1|')
my_pass=$(echo "$MY" | sed -E 's|^[a-z]+://([^:@/]*)(:([^@]*))?@.*|\3|')
MYARGS="-h$my_host -P${my_port:-3306} -u$my_user"
[ -n "$my_pass" ] && MYARGS="$MYARGS -p$my_pass"

# ---- data ------------------------------------------------------------------
has_db() { # engine: is bench_backup there with a Release_ table?
	case $1 in
	my) mariadb $MYARGS -N -e "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA='bench_backup' AND TABLE_NAME IN ('Release_','release_')" 2>/dev/null ;;
	pg) psql "${PG%/*}/bench_backup" -At -c "SELECT COUNT(*) FROM pg_tables WHERE lower(tablename)='release_'" 2>/dev/null || echo 0 ;;
	esac
}
if [ "${BENCH_REGEN:-0}" = 1 ] || [ "$(has_db my)" != 1 ]; then
	echo "generating MariaDB bench_backup ($ROWS rows)..."
	mariadb $MYARGS -e 'DROP DATABASE IF EXISTS bench_backup; CREATE DATABASE bench_backup'
	"$LRPREP" sample --into "${MY%/*}/bench_backup" --rows "$ROWS" --no-store --force \
		--truth "$W/my.truth.json" >/dev/null
fi
if [ -n "$PG" ] && { [ "${BENCH_REGEN:-0}" = 1 ] || [ "$(has_db pg)" != 1 ]; }; then
	echo "generating PostgreSQL bench_backup ($ROWS rows)..."
	psql "$PG" -q -c 'DROP DATABASE IF EXISTS bench_backup' -c 'CREATE DATABASE bench_backup'
	"$LRPREP" sample --into "${PG%/*}/bench_backup" --rows "$ROWS" --no-store --force \
		--truth "$W/pg.truth.json" >/dev/null
fi
if [ ! -f "$W/store.done" ] || [ "$(cat "$W/store.done")" != "$STORE_MB" ]; then
	echo "generating a ${STORE_MB} MB FileSystemStore..."
	rm -rf "$W/store"
	python3 - "$W/store" "$STORE_MB" <<'EOF'
import os, random, sys
root, mb = sys.argv[1], int(sys.argv[2])
rnd = random.Random(1)
total, i = 0, 0
while total < mb * 1048576:
    i += 1
    # document sizes: mostly small, some large (mean ~ 256 KB)
    size = min(int(rnd.expovariate(1 / 262144)) + 1024, 8 << 20)
    repo = 20000 + i % 50
    d = os.path.join(root, "10154", str(repo), str(30000 + i))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "1.0"), "wb") as f:
        f.write(os.urandom(size))
    total += size
print(i, "files,", total >> 20, "MB")
EOF
	echo "$STORE_MB" >"$W/store.done"
fi
# a tiny database for the store-only runs (the store part is what is timed)
rm -f "$W/tiny.db"
sqlite3 "$W/tiny.db" "CREATE TABLE Release_ (releaseId BIGINT PRIMARY KEY, servletContextName VARCHAR(75), buildNumber INT);
INSERT INTO Release_ VALUES (1, 'portal', 6205); CREATE TABLE Company (companyId BIGINT PRIMARY KEY);
CREATE TABLE Group_ (groupId BIGINT PRIMARY KEY);"

db_mb=$(mariadb $MYARGS -N -e "SELECT ROUND(SUM(DATA_LENGTH + INDEX_LENGTH) / 1048576) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'bench_backup'")
store_mb=$(du -sm "$W/store" | cut -f1)
store_n=$(find "$W/store" -type f | wc -l)
echo "MariaDB bench_backup: ${db_mb} MB (data + indexes); store: ${store_mb} MB in ${store_n} files; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"

REPS=${BENCH_REPS:-5}
# time LABEL PREP COMMAND...: PREP (a shell command, untimed) then COMMAND,
# once; after a sync, so no run pays for the write-back of the one before.
# Sets T (wall seconds) and C (CPU seconds of the command and its children).
time1() {
	label=$1 prep=$2; shift 2
	sh -c "$prep"; sync
	rc=0; /usr/bin/time -f '%e %U %S' -o "$W/time.out" "$@" >/dev/null 2>"$W/err.log" || rc=$?
	# lrprep exits 1 for warnings (e.g. a database-only backup): still complete
	[ $rc -le 1 ] || { echo "$label failed ($rc):"; cat "$W/err.log"; exit 1; }
	T=$(tail -1 "$W/time.out" | cut -d' ' -f1)
	C=$(tail -1 "$W/time.out" | awk '{ printf "%.2f", $2 + $3 }')
}
# round NAME...: every named case ($NAME_label, $NAME_prep, $NAME_cmd) runs
# REPS times, interleaved (a, b, c, a, b, c) so that all see the same load;
# best_NAME and med_NAME receive the best and the median wall time.
round() {
	for name; do eval "all_$name=''"; done
	r=1
	while [ $r -le $REPS ]; do
		for name; do
			eval "label=\$${name}_label prep=\$${name}_prep cmd=\$${name}_cmd"
			load=$(cut -d' ' -f1 /proc/loadavg)
			time1 "$label" "$prep" sh -c "$cmd"
			printf '  %-34s %8.2f s  (CPU %5.2f s, load %s)\n' "$label" "$T" "$C" "$load"
			eval "all_$name=\"\$all_$name $T\""
		done
		r=$((r + 1))
	done
	for name; do
		eval "v=\$all_$name"
		sorted=$(printf '%s\n' $v | sort -n)
		eval "best_$name=$(echo "$sorted" | head -1)"
		eval "med_$name=$(echo "$sorted" | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')"
	done
}
# ratios A B GOAL LABEL: the median's ratio and the best's (on a shared
# machine one lucky run moves the best; the median less)
ratios() {
	eval "ma=\$med_$1 mb=\$med_$2 ba=\$best_$1 bb=\$best_$2"
	echo "  ratio $4  median $(ratio "$ma" "$mb"), best $(ratio "$ba" "$bb")${3:+  (goal <= $3)}"
}

echo "database part (MariaDB), $REPS runs each"
md_label="mysqldump --single-transaction"; md_prep="rm -f '$W/mysqldump.sql'"
md_cmd="mysqldump $MYARGS --single-transaction bench_backup > '$W/mysqldump.sql'"
myd_label="mydumper -t 2"; myd_prep="rm -rf '$W/mydumper'"
myd_cmd="mydumper -h '$my_host' -P '${my_port:-3306}' -u '$my_user' ${my_pass:+-p '$my_pass'} -B bench_backup -t 2 -o '$W/mydumper'"
lm_label="lrprep backup --jobs 2"; lm_prep="rm -rf '$W/bk-my'"
lm_cmd="'$LRPREP' -q backup '${MY%/*}/bench_backup' --to '$W/bk-my' --jobs 2"
round md myd lm
ratios lm md 0.5 "lrprep / mysqldump        "
ratios lm myd 1.0 "lrprep / mydumper         "
echo "  sizes: mysqldump $(du -sm "$W/mysqldump.sql" | cut -f1) MB, mydumper $(du -sm "$W/mydumper" | cut -f1) MB, lrprep $(du -sm "$W/bk-my" | cut -f1) MB (zstd)"

if [ -n "$PG" ]; then
	echo "database part (PostgreSQL), $REPS runs each"
	pd_label="pg_dump -Fd -j2"; pd_prep="rm -rf '$W/pgdump'"
	pd_cmd="pg_dump -Fd -j2 -f '$W/pgdump' '${PG%/*}/bench_backup'"
	lp_label="lrprep backup --jobs 2"; lp_prep="rm -rf '$W/bk-pg'"
	lp_cmd="'$LRPREP' -q backup '${PG%/*}/bench_backup' --to '$W/bk-pg' --jobs 2"
	round pd lp
	ratios lp pd "" "lrprep / pg_dump -Fd -j2  "
fi

echo "document store (${store_mb} MB, ${store_n} files), $REPS runs each"
rf_label="rsync -a (full)"; rf_prep="rm -rf '$W/rsync'"; rf_cmd="rsync -a '$W/store/' '$W/rsync/'"
lf_label="lrprep backup --store (full)"; lf_prep="rm -rf '$W/bk-st'"
lf_cmd="'$LRPREP' -q backup '$W/tiny.db' --store '$W/store' --to '$W/bk-st' --jobs 2"
round rf lf
rn_label="rsync -a (no change)"; rn_prep=":"; rn_cmd=$rf_cmd
ln_label="lrprep backup --store (no change)"; ln_prep=":"; ln_cmd=$lf_cmd
round rn ln
ratios lf rf 1.2 "full      lrprep / rsync "
ratios ln rn 1.0 "no-change lrprep / rsync "

echo "SHA-256"
time1 "lrprep verify" ":" "$LRPREP" -q verify "$W/bk-st"; t_v=$T
printf '  %-34s %8.2f s  (CPU %5.2f s)\n' "lrprep verify (every byte)" "$T" "$C"
bytes=$(du -sb "$W/bk-st/objects" | cut -f1)
echo "  lrprep verify: $(echo "scale=1; $bytes / 1048576 / $t_v" | bc -l) MB/s (read + SHA-256, warm cache)"
kbs=$(openssl speed -evp sha256 -bytes 1048576 -seconds 2 2>/dev/null | awk '/^sha256/ { sub(/k$/, "", $2); print $2 }')
[ -n "$kbs" ] && echo "  libcrypto SHA-256 in memory (openssl speed, 1 MiB blocks): $(echo "scale=1; $kbs / 1024" | bc -l) MB/s"
