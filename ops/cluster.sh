#!/usr/bin/env bash
# A two-silo cluster with one gateway, as plain processes on this machine, on the
# local PostgreSQL of ops/postgres.sh (started here if it is not running).
#
#   ops/cluster.sh start   build, migrate, start silo 1, silo 2 and the gateway
#   ops/cluster.sh stop    stop them
#
# Everything listens on 127.0.0.1: the gateway on $CAMPAIGNS_HTTP_PORT (5080), the
# silos on $CAMPAIGNS_SILO_PORT and the next port (11111, 11112) for silo-to-silo
# traffic and $CAMPAIGNS_GATEWAY_PORT and the next (30000, 30001) for clients.
# Logs and process ids go to ./data/cluster. The PostgreSQL of ops/postgres.sh
# follows its own CAMPAIGNS_PG_DIR and CAMPAIGNS_PG_PORT.
set -euo pipefail
cd "$(dirname "$0")/.."

state=data/cluster
configuration=${CONFIGURATION:-Release}
http_port=${CAMPAIGNS_HTTP_PORT:-5080}
silo_port=${CAMPAIGNS_SILO_PORT:-11111}
gateway_port=${CAMPAIGNS_GATEWAY_PORT:-30000}

running() {
  local name
  for name in gateway silo-1 silo-2; do
    if [ -f "$state/$name.pid" ] && kill -0 "$(cat "$state/$name.pid")" 2>/dev/null; then
      return 0
    fi
  done
  return 1
}

start() {
  if running; then
    echo "The cluster of this folder is already running; run '$0 stop' first." >&2
    exit 1
  fi
  # The gateway's log holds the first start's admin key: for this user's eyes only.
  umask 077
  mkdir -p "$state"
  export Campaigns__Mode=Cluster
  export ConnectionStrings__Campaigns
  ConnectionStrings__Campaigns=$(ops/postgres.sh start | tail -n 1)

  dotnet build src/Campaigns.Gateway -c "$configuration" -v quiet -nologo > "$state/build.log"
  local bin=src/Campaigns.Silo/bin/$configuration/net10.0
  local gateway=src/Campaigns.Gateway/bin/$configuration/net10.0

  dotnet "$bin/Campaigns.Silo.dll" migrate
  for n in 1 2; do
    Campaigns__Silo__SiloPort=$((silo_port + n - 1)) Campaigns__Silo__GatewayPort=$((gateway_port + n - 1)) \
      nohup dotnet "$bin/Campaigns.Silo.dll" > "$state/silo-$n.log" 2>&1 &
    echo $! > "$state/silo-$n.pid"
  done
  Urls=http://127.0.0.1:$http_port nohup dotnet "$gateway/Campaigns.Gateway.dll" > "$state/gateway.log" 2>&1 &
  echo $! > "$state/gateway.pid"

  for _ in $(seq 1 120); do
    for name in gateway silo-1 silo-2; do
      if ! kill -0 "$(cat "$state/$name.pid")" 2>/dev/null; then
        echo "$name exited; see $state/$name.log" >&2
        stop
        exit 1
      fi
    done
    if curl -fs "http://127.0.0.1:$http_port/health/ready" > /dev/null 2>&1; then
      echo "Cluster ready: gateway on http://127.0.0.1:$http_port, two silos, logs in $state"
      return
    fi
    sleep 1
  done
  echo "The gateway did not become ready; see $state/*.log" >&2
  exit 1
}

# Stops gracefully, and waits: a silo leaving in order tells the others at once.
stop() {
  local name pid
  for name in gateway silo-1 silo-2; do
    [ -f "$state/$name.pid" ] || continue
    pid=$(cat "$state/$name.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "$name ($pid) did not stop within 30 s; killing it" >&2
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$state/$name.pid"
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
