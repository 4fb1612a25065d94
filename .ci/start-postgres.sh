#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on 127.0.0.1:$1 in $2 (tests only: fsync off, trust auth).
# Prints the connection URL. Works as root (runs the server as the postgres user).
set -euo pipefail
PORT=${1:-55432}
DIR=${2:-$(mktemp -d /tmp/tryggve-pg.XXXXXX)}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
mkdir -p "$DIR"
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi
as_postgres "$PGBIN/initdb" -D "$DIR/data" --auth=trust -E UTF8 --locale=C.UTF-8 -U postgres >"$DIR/initdb.log"
as_postgres "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null
echo "postgres://postgres@127.0.0.1:$PORT/postgres"
