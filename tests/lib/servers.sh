#!/usr/bin/env bash
# Private MariaDB and PostgreSQL servers for the tests: data in a directory of
# our own, loopback only, no system service assumed. Usage:
#   tests/lib/servers.sh start DIR      start both, write DIR/env (source it)
#   tests/lib/servers.sh fixtures DIR FIXTURES_DIR   load the MySQL fixtures into MariaDB
#   tests/lib/servers.sh stop DIR
# DIR/env exports LRPREP_TEST_MYSQL_URI and LRPREP_TEST_PG_URI (test-only
# credentials, loopback only).
set -euo pipefail
cmd=${1:?usage: servers.sh start|fixtures|stop DIR}
dir=${2:?usage: servers.sh start|fixtures|stop DIR}
MY_PORT=${LRPREP_TEST_MY_PORT:-33306}
PG_PORT=${LRPREP_TEST_PG_PORT:-55432}

pg_bin() {
	local v
	v=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
	echo "/usr/lib/postgresql/$v/bin"
}

as_pg() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	# --- MariaDB
	if ! mariadb-admin --socket="$dir/mysql.sock" -uroot ping >/dev/null 2>&1; then
		rm -rf "$dir/mysql"
		mariadb-install-db --no-defaults --datadir="$dir/mysql" --user="$(id -un)" \
			--auth-root-authentication-method=socket >"$dir/mysql-install.log" 2>&1
		mariadbd --no-defaults --datadir="$dir/mysql" --socket="$dir/mysql.sock" \
			--port="$MY_PORT" --bind-address=127.0.0.1 --user="$(id -un)" \
			--pid-file="$dir/mysql.pid" --log-error="$dir/mysql.err" \
			--innodb-buffer-pool-size=512M --max-allowed-packet=256M \
			--innodb-flush-log-at-trx-commit=2 --skip-log-bin \
			--lower-case-table-names=0 >/dev/null 2>&1 &
		for _ in $(seq 1 60); do
			mariadb-admin --socket="$dir/mysql.sock" -uroot ping >/dev/null 2>&1 && break
			sleep 0.5
		done
		mariadb --socket="$dir/mysql.sock" -uroot -e "
			CREATE USER IF NOT EXISTS 'lrprep'@'127.0.0.1' IDENTIFIED BY 'lrtest';
			CREATE USER IF NOT EXISTS 'lrprep'@'localhost' IDENTIFIED BY 'lrtest';
			GRANT ALL ON *.* TO 'lrprep'@'127.0.0.1' WITH GRANT OPTION;
			GRANT ALL ON *.* TO 'lrprep'@'localhost' WITH GRANT OPTION;
			SET GLOBAL local_infile = 1;"
	fi
	# --- PostgreSQL (refuses to run as root: run as the postgres user)
	local bin
	bin=$(pg_bin)
	if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null; then
		rm -rf "$dir/pg"
		mkdir -p "$dir/pg"
		[ "$(id -u)" = 0 ] && chown postgres "$dir/pg" && chmod 755 "$dir"
		as_pg "$bin/initdb" -D "$dir/pg" -U lrprep --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/pg-init.log" 2>&1
		as_pg "$bin/pg_ctl" -D "$dir/pg" -l "$dir/pg/server.log" -w -o \
			"-p $PG_PORT -k $dir/pg -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
			start >/dev/null
	fi
	cat >"$dir/env" <<EOT
export LRPREP_TEST_MYSQL_URI='mariadb://lrprep:lrtest@127.0.0.1:$MY_PORT/'
export LRPREP_TEST_PG_URI='postgresql://lrprep@127.0.0.1:$PG_PORT/postgres'
export LRPREP_TEST_MYSQL_SOCKET='$dir/mysql.sock'
export LRPREP_TEST_PG_PORT='$PG_PORT'
EOT
	echo "servers up: MariaDB 127.0.0.1:$MY_PORT, PostgreSQL 127.0.0.1:$PG_PORT (env in $dir/env)"
}

# Database name for a fixture file, as tests/lib/testlib.c computes it.
fx_name() {
	local b
	b=$(basename "$1")
	b=${b%%.*}
	echo "fx_${b//-/_}"
}

fixtures() {
	local fxdir=${3:?fixtures dir}
	dir=$(cd "$dir" && pwd)
	local n=0
	for f in "$fxdir"/*-mysql-*.sql.xz; do
		[ -e "$f" ] || continue
		local db
		db=$(fx_name "$f")
		mariadb --socket="$dir/mysql.sock" -uroot -e "DROP DATABASE IF EXISTS \`$db\`; CREATE DATABASE \`$db\`"
		# the filter of ../shared/fixtures/README.md: database-level statements
		# and unfilled placeholders out
		xz -dc "$f" \
			| sed -E '/^[[:space:]]*(create database|use |grant )/Id; /^\/\*!40000 DROP DATABASE/d' \
			| mariadb --socket="$dir/mysql.sock" -uroot --max-allowed-packet=256M "$db"
		n=$((n + 1))
	done
	echo "loaded $n MySQL fixtures into MariaDB"
}

stop() {
	dir=$(cd "$dir" 2>/dev/null && pwd) || return 0
	if [ -f "$dir/mysql.pid" ]; then
		mariadb-admin --socket="$dir/mysql.sock" -uroot shutdown >/dev/null 2>&1 || kill "$(cat "$dir/mysql.pid")" 2>/dev/null || true
	fi
	if [ -d "$dir/pg" ]; then
		as_pg "$(pg_bin)/pg_ctl" -D "$dir/pg" -m fast stop >/dev/null 2>&1 || true
	fi
}

case "$cmd" in
start) start ;;
fixtures) fixtures "$@" ;;
stop) stop ;;
*) echo "usage: servers.sh start|fixtures|stop DIR" >&2; exit 3 ;;
esac
