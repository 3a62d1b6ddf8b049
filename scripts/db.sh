#!/usr/bin/env bash
# The local PostgreSQL cluster under .data/: init, start, stop, status, url.
# As root, PostgreSQL runs as the postgres user (it refuses to run as root).
# Unix socket only (no TCP port), in .data/run, so several checkouts never clash.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -n "$bindir" ] || { echo "db: PostgreSQL is not installed (scripts/deps.sh)" >&2; exit 1; }

# The cluster lives in .data/ of the checkout. As root, PostgreSQL runs as `postgres`, which may
# not be allowed into the checkout (a `mktemp -d` clone is mode 700): then the cluster lives in
# /var/tmp/guichet-<hash of the checkout path> instead, and .data/cluster records where.
base="$root/.data"
if [ "$(id -u)" -eq 0 ] && [ -z "${GUICHET_PGDATA:-}" ]; then
  mkdir -p "$base"
  if ! runuser -u postgres -- test -x "$base" 2>/dev/null; then
    base="/var/tmp/guichet-$(printf '%s' "$root" | md5sum | cut -c1-12)"
    mkdir -p "$base" "$root/.data"
    echo "$base" > "$root/.data/cluster"
  fi
  chown postgres:postgres "$base"
fi
data="${GUICHET_PGDATA:-$base/pg}"
run="${GUICHET_PGRUN:-$base/run}"
log="$base/postgres.log"

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
dbuser() { if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi; }

init() {
  [ -f "$data/PG_VERSION" ] && return 0
  mkdir -p "$base" "$data" "$run"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$data" "$run"; chmod 700 "$data"; fi
  as_pg "$bindir/initdb" -D "$data" -U "$(dbuser)" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  cat >> "$data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$run'
max_connections = 300
shared_buffers = 256MB
fsync = on
synchronous_commit = on
log_min_messages = warning
CONF
}

start() {
  init
  mkdir -p "$run"; [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$run"
  touch "$log"; [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$log"
  if as_pg "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then return 0; fi
  as_pg "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null
  as_pg "$bindir/psql" -h "$run" -U "$(dbuser)" -d postgres -Atqc \
    "SELECT 1 FROM pg_database WHERE datname = 'guichet'" | grep -q 1 \
    || as_pg "$bindir/createdb" -h "$run" -U "$(dbuser)" guichet
}

stop() {
  [ -f "$data/PG_VERSION" ] || return 0
  as_pg "$bindir/pg_ctl" -D "$data" -m "${1:-fast}" -w -t 60 stop >/dev/null 2>&1 || true
}

case "${1:-}" in
  init) init ;;
  start) start ;;
  stop) stop "${2:-fast}" ;;
  restart) stop "${2:-fast}"; start ;;
  status) as_pg "$bindir/pg_ctl" -D "$data" status ;;
  destroy) stop immediate; rm -rf "$base" "$root/.data" ;;
  url) echo "postgresql:///${2:-guichet}?host=$run&user=$(dbuser)" ;;
  bindir) echo "$bindir" ;;
  *) echo "usage: scripts/db.sh init|start|stop [mode]|restart|status|destroy|url [db]|bindir" >&2; exit 2 ;;
esac
