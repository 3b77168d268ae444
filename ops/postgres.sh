#!/usr/bin/env bash
# A throwaway local PostgreSQL for development and CI, from Debian's packages.
#
#   ops/postgres.sh start   install PostgreSQL if missing, create and start a cluster
#   ops/postgres.sh stop    stop it (its folder stays until you delete it)
#   ops/postgres.sh url     print the connection string the service and tests use
#
# The cluster lives in $CAMPAIGNS_PG_DIR (default /tmp/campaigns-pg), listens on
# 127.0.0.1:$CAMPAIGNS_PG_PORT (default 55432) only, runs as the postgres user
# and trusts loopback connections: never use it for anything but local work.
set -euo pipefail

dir=${CAMPAIGNS_PG_DIR:-/tmp/campaigns-pg}
port=${CAMPAIGNS_PG_PORT:-55432}
database=campaigns

bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$found" ] && echo "$found"
}

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else su postgres -s /bin/bash -c "$(printf '%q ' "$@")"; fi
}

install() {
  if [ -z "$(bin)" ]; then
    echo "Installing PostgreSQL from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql > /dev/null
  fi
}

start() {
  install
  local pg
  pg=$(bin)
  if [ ! -f "$dir/PG_VERSION" ]; then
    mkdir -p "$dir"
    chown postgres: "$dir" 2>/dev/null || true
    as_postgres "$pg/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 > /dev/null
    # Durable commits stay on (fsync, synchronous_commit): the service's guarantees assume them.
    cat >> "$dir/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 300
CONF
  fi
  if ! as_postgres "$pg/pg_ctl" -D "$dir" status > /dev/null 2>&1; then
    as_postgres "$pg/pg_ctl" -D "$dir" -l "$dir/server.log" -w start > /dev/null
  fi
  as_postgres "$pg/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1 \
    || as_postgres "$pg/createdb" -h 127.0.0.1 -p "$port" -U postgres "$database"
  url
}

stop() {
  local pg
  pg=$(bin) || exit 0
  as_postgres "$pg/pg_ctl" -D "$dir" -m fast stop > /dev/null 2>&1 || true
}

url() {
  echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=$database"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) url ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
