#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the test suite and prints its URL on the last line.
# Usage: scripts/start-test-postgres.sh DATA_DIR PORT ; stop with: pg_ctl -D DATA_DIR stop
set -euo pipefail
data_dir=$1
port=${2:-55432}
initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
[ -n "$initdb" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
bin=$(dirname "$initdb")
run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
mkdir -p "$data_dir"
[ "$(id -u)" = 0 ] && chown postgres: "$data_dir"
run "'$bin/initdb' -D '$data_dir' -A trust -U wenbao -E UTF8 --locale=C.UTF-8 >/dev/null"
run "'$bin/pg_ctl' -D '$data_dir' -l '$data_dir/server.log' -o \"-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" -w start >/dev/null"
echo "postgres://wenbao@127.0.0.1:$port/postgres"
