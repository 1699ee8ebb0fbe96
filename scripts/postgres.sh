# Sourced by the test scripts: starts a throwaway PostgreSQL on a free loopback port with a temporary
# data directory (as the postgres user when root), stops and removes it when the script exits, and
# exports LESSONREVIEW_TEST_POSTGRES with its connection string.
pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
pg_dir=$(mktemp -d /tmp/lessonreview-pg-XXXXXX)
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" -eq 0 ]; then chown -R postgres "$pg_dir"; su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
stop_pg() { as_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -m immediate stop" >/dev/null 2>&1; rm -rf "$pg_dir"; }
trap stop_pg EXIT
as_pg "'$pg_bin/initdb' -A trust -U postgres -D '$pg_dir/data'" >/dev/null || { echo "test: initdb failed"; exit 1; }
as_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -o \"-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300\" -l '$pg_dir/log' -w start" >/dev/null \
  || { echo "test: PostgreSQL did not start"; cat "$pg_dir/log"; exit 1; }
export LESSONREVIEW_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres"
