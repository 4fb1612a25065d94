#!/usr/bin/env bash
# Stops a PostgreSQL started by start-postgres.sh in $1 and removes its folder.
set -u
DIR=$1
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -n "$PGBIN" ] && [ -d "$DIR/data" ]; then
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1
  else "$PGBIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1; fi
fi
rm -rf "$DIR"
