#!/usr/bin/env bash
# A two-silo cluster with one gateway, as plain processes on this machine, on the
# local PostgreSQL of ops/postgres.sh (started here if it is not running).
#
#   ops/cluster.sh start   build, migrate, start silo 1, silo 2 and the gateway
#   ops/cluster.sh stop    stop them
#
# Everything listens on 127.0.0.1: the gateway on http://127.0.0.1:5080, the
# silos on 11111/30000 and 11112/30001. Logs and process ids go to ./data/cluster.
set -euo pipefail
cd "$(dirname "$0")/.."

state=data/cluster
configuration=${CONFIGURATION:-Release}

start() {
  mkdir -p "$state"
  export Campaigns__Mode=Cluster
  export ConnectionStrings__Campaigns
  ConnectionStrings__Campaigns=$(ops/postgres.sh start | tail -n 1)

  dotnet build src/Campaigns.Gateway -c "$configuration" -v quiet -nologo > "$state/build.log"
  local bin=src/Campaigns.Silo/bin/$configuration/net10.0
  local gateway=src/Campaigns.Gateway/bin/$configuration/net10.0

  dotnet "$bin/Campaigns.Silo.dll" migrate
  for n in 1 2; do
    Campaigns__Silo__SiloPort=$((11110 + n)) Campaigns__Silo__GatewayPort=$((29999 + n)) \
      nohup dotnet "$bin/Campaigns.Silo.dll" > "$state/silo-$n.log" 2>&1 &
    echo $! > "$state/silo-$n.pid"
  done
  Urls=http://127.0.0.1:5080 nohup dotnet "$gateway/Campaigns.Gateway.dll" > "$state/gateway.log" 2>&1 &
  echo $! > "$state/gateway.pid"

  for _ in $(seq 1 120); do
    if curl -fs http://127.0.0.1:5080/health/ready > /dev/null 2>&1; then
      echo "Cluster ready: gateway on http://127.0.0.1:5080, two silos, logs in $state"
      return
    fi
    sleep 1
  done
  echo "The gateway did not become ready; see $state/*.log" >&2
  exit 1
}

stop() {
  for name in gateway silo-1 silo-2; do
    if [ -f "$state/$name.pid" ]; then
      kill "$(cat "$state/$name.pid")" 2>/dev/null || true
      rm -f "$state/$name.pid"
    fi
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
