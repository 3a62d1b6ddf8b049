#!/usr/bin/env bash
# Guichet past one machine, on one machine: the PostgreSQL primary and a streaming replica
# (scripts/db.sh), N `guichet serve` instances on the primary whose reports read the replica, and
# nginx in front (ops/nginx/guichet.conf) — all unprivileged, state under .build/cluster/.
#   scripts/cluster.sh up          start everything (idempotent); prints the address
#   scripts/cluster.sh down        stop nginx, the instances and the replica
#   scripts/cluster.sh kill N      SIGKILL instance N (1-based), as a crash would
#   scripts/cluster.sh start N     start instance N again
#   scripts/cluster.sh status
# Knobs: CLUSTER_PORT (8080: nginx; instance N on CLUSTER_PORT+N), CLUSTER_INSTANCES (2),
#   CLUSTER_DB (guichet), GUICHET_BIN (the release binary, else the debug one),
#   CLUSTER_ARGS (more `serve` flags, e.g. "--test-clock").
set -euo pipefail
cd "$(dirname "$0")/.."
state="$PWD/.build/cluster"
port=${CLUSTER_PORT:-8080}
count=${CLUSTER_INSTANCES:-2}
db=${CLUSTER_DB:-guichet}
bin=${GUICHET_BIN:-}
if [ -z "$bin" ]; then
  bin=.build/release/guichet
  [ -x "$bin" ] || bin=.build/debug/guichet
fi
mkdir -p "$state"

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_for() { # URL [seconds]
  local until=$((SECONDS + ${2:-30}))
  until curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; do
    [ $SECONDS -lt $until ] || { echo "cluster: $1 did not answer" >&2; return 1; }
    sleep 0.1
  done
}

start_instance() {
  local n=$1 p=$((port + $1))
  running "$state/guichet-$n.pid" && return 0
  # The primary for everything, the replica for reports; believe X-Forwarded-For from nginx only.
  # shellcheck disable=SC2086  # CLUSTER_ARGS is a list of flags
  "$bin" serve --host 127.0.0.1 --port "$p" \
    --database-url "$(scripts/db.sh url "$db")" --reports-database-url "$(scripts/db.sh replica url "$db")" \
    --trusted-proxy 127.0.0.1/32 --public-url "http://127.0.0.1:$port" \
    --public-dir Public --migrations-dir Migrations ${CLUSTER_ARGS:-} \
    </dev/null >"$state/guichet-$n.log" 2>&1 &
  echo $! >"$state/guichet-$n.pid"
  wait_for "http://127.0.0.1:$p/healthz"
}

kill_instance() {
  local pidfile="$state/guichet-$1.pid"
  running "$pidfile" || return 0
  kill -KILL "$(cat "$pidfile")"
  while kill -0 "$(cat "$pidfile")" 2>/dev/null; do sleep 0.05; done
  rm -f "$pidfile"
}

stop_pid() { # PIDFILE: SIGTERM, wait up to 20 s
  running "$1" || { rm -f "$1"; return 0; }
  local pid until=$((SECONDS + 20))
  pid=$(cat "$1")
  kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $until ]; do sleep 0.1; done
  rm -f "$1"
}

start_nginx() {
  running "$state/nginx/nginx.pid" && return 0
  local prefix="$state/nginx" servers="" user=""
  mkdir -p "$prefix"
  for n in $(seq 1 "$count"); do
    # One failed connect takes an instance out for 2 s, then nginx tries it again.
    servers+="        server 127.0.0.1:$((port + n)) max_fails=1 fail_timeout=2s;\n"
  done
  # As root the workers would drop to `nobody`, which cannot use a scratch prefix under root's home.
  [ "$(id -u)" -eq 0 ] && user="user root;"
  sed -e "s|@PREFIX@|$prefix|g" -e "s|@LISTEN@|$port|g" -e "s|@USER@|$user|" -e "s|@SERVERS@|${servers%\\n}|" \
    ops/nginx/guichet.conf >"$prefix/nginx.conf"
  nginx -t -q -p "$prefix" -c "$prefix/nginx.conf" -e stderr
  nginx -p "$prefix" -c "$prefix/nginx.conf" -e stderr </dev/null >"$state/nginx.log" 2>&1 &
  wait_for "http://127.0.0.1:$port/healthz"
}

up() {
  command -v nginx >/dev/null || scripts/deps.sh nginx curl
  scripts/db.sh start
  scripts/db.sh replica start
  local admin
  admin=$(scripts/db.sh url postgres)
  psql -X -Atq "$admin" -c "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
    || psql -X -q "$admin" -c "CREATE DATABASE \"$db\""
  "$bin" seed-demo --database-url "$(scripts/db.sh url "$db")" --migrations-dir Migrations --if-empty \
    >"$state/seed.log" 2>&1 || { cat "$state/seed.log" >&2; exit 1; }
  for n in $(seq 1 "$count"); do start_instance "$n"; done
  start_nginx
  echo "cluster: http://127.0.0.1:$port → $count instances (ports $((port + 1))–$((port + count))); primary $(scripts/db.sh url "$db"); reports read $(scripts/db.sh replica url "$db")"
}

down() {
  stop_pid "$state/nginx/nginx.pid"
  for pidfile in "$state"/guichet-*.pid; do [ -e "$pidfile" ] && stop_pid "$pidfile"; done
  scripts/db.sh replica stop
}

status() {
  running "$state/nginx/nginx.pid" && echo "nginx: running on $port" || echo "nginx: stopped"
  for n in $(seq 1 "$count"); do
    running "$state/guichet-$n.pid" && echo "instance $n: running on $((port + n))" || echo "instance $n: stopped"
  done
  scripts/db.sh replica status >/dev/null 2>&1 && echo "replica: running" || echo "replica: stopped"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  kill) kill_instance "${2:?instance number}" ;;
  start) start_instance "${2:?instance number}" ;;
  status) status ;;
  *) echo "usage: scripts/cluster.sh up|down|kill N|start N|status" >&2; exit 2 ;;
esac
