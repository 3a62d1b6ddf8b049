#!/usr/bin/env bash
# The local PostgreSQL cluster under .data/: init, start, stop, status, url; and `replica …`, a
# streaming replica of it (pg_basebackup -R) that reports may read (--reports-database-url).
# As root, PostgreSQL runs as the postgres user (it refuses to run as root).
# Unix sockets only (no TCP port), in .data/run and .data/replica-run, so several checkouts never clash.
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

# The replica: its own data folder and socket folder, port 5433 (the socket file's name).
rdata="$base/replica"
rrun="$base/replica-run"
rlog="$base/replica.log"
rport=5433

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

# Stops the cluster in DIR (mode fast unless given), if there is one.
stop_cluster() {
  [ -f "$1/PG_VERSION" ] || return 0
  as_pg "$bindir/pg_ctl" -D "$1" -m "${2:-fast}" -w -t 60 stop >/dev/null 2>&1 || true
}

stop() { stop_cluster "$data" "${1:-fast}"; }

# Starts the replica; makes it first from a fresh base backup unless one is running already. A
# stopped replica is rebuilt rather than restarted: without a replication slot (which would make
# the primary keep WAL for it forever) the WAL it missed may be gone.
replica_start() {
  start
  if [ -f "$rdata/PG_VERSION" ] && as_pg "$bindir/pg_ctl" -D "$rdata" status >/dev/null 2>&1; then return 0; fi
  rm -rf "$rdata"
  mkdir -p "$rdata" "$rrun"
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$rdata" "$rrun"; fi
  chmod 700 "$rdata"
  touch "$rlog"; [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$rlog"
  # -R writes standby.signal and primary_conninfo (the primary's socket); -X stream: the WAL of the
  # copy's own duration comes along, so the copy is consistent on its own.
  as_pg "$bindir/pg_basebackup" -h "$run" -U "$(dbuser)" -D "$rdata" -R -X stream --checkpoint=fast
  cat >> "$rdata/postgresql.conf" <<CONF
# The replica (scripts/db.sh replica): later lines override the primary's copied above.
unix_socket_directories = '$rrun'
port = $rport
hot_standby = on
# Long reports are not cancelled by the primary's vacuum; the primary keeps those rows a bit longer.
hot_standby_feedback = on
CONF
  as_pg "$bindir/pg_ctl" -D "$rdata" -l "$rlog" -w -t 60 start >/dev/null
}

replica_stop() { stop_cluster "$rdata" "${1:-fast}"; }

replica() {
  case "${1:-}" in
    start) replica_start ;;
    stop) replica_stop "${2:-fast}" ;;
    status) as_pg "$bindir/pg_ctl" -D "$rdata" status ;;
    destroy) replica_stop immediate; rm -rf "$rdata" "$rrun" "$rlog" ;;
    url) echo "postgresql:///${2:-guichet}?host=$rrun&port=$rport&user=$(dbuser)" ;;
    *) echo "usage: scripts/db.sh replica start|stop [mode]|status|destroy|url [db]" >&2; exit 2 ;;
  esac
}

case "${1:-}" in
  init) init ;;
  start) start ;;
  stop) stop "${2:-fast}" ;;
  restart) stop "${2:-fast}"; start ;;
  status) as_pg "$bindir/pg_ctl" -D "$data" status ;;
  destroy) replica_stop immediate; stop immediate; rm -rf "$base" "$root/.data" ;;
  url) echo "postgresql:///${2:-guichet}?host=$run&user=$(dbuser)" ;;
  bindir) echo "$bindir" ;;
  replica) shift; replica "$@" ;;
  *) echo "usage: scripts/db.sh init|start|stop [mode]|restart|status|destroy|url [db]|bindir|replica …" >&2; exit 2 ;;
esac
