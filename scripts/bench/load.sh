#!/usr/bin/env bash
# Loads the benchmark data set into database $BENCH_DB (default guichet_bench) of the local cluster,
# once: a second run finds it loaded and returns at once. BENCH_CASES sets the size (default 1,000,000).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
db="${BENCH_DB:-guichet_bench}"
cases="${BENCH_CASES:-1000000}"
admin="$("$root/scripts/db.sh" url postgres)"
url="$("$root/scripts/db.sh" url "$db")"
if psql "$admin" -Atqc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
  # Reused when it holds this many cases made by this very load.sql.
  stamp="$(md5sum "$root/scripts/bench/load.sql" | cut -c1-12)-$cases"
  loaded=$(psql "$url" -Atqc "SELECT value FROM settings WHERE key = 'bench_load'" 2>/dev/null || true)
  if [ "$loaded" = "$stamp" ]; then
    # Newer migrations apply to the loaded data (they must, like an upgrade in production).
    "$root/.build/release/guichet" migrate --database-url "$url" --migrations-dir "$root/Migrations" >&2
    psql "$url" -q -f "$root/scripts/bench/reset.sql"
    echo "bench: $db already holds $cases cases (earlier registrations removed)" >&2
    exit 0
  fi
  psql "$admin" -qc "DROP DATABASE \"$db\" WITH (FORCE)"
fi
psql "$admin" -qc "CREATE DATABASE \"$db\""
"$root/.build/release/guichet" migrate --database-url "$url" --migrations-dir "$root/Migrations" >&2
start=$(date +%s)
psql "$url" -q -v cases="$cases" -f "$root/scripts/bench/load.sql"
psql "$url" -q -f "$root/scripts/bench/reset.sql"
stamp="$(md5sum "$root/scripts/bench/load.sql" | cut -c1-12)-$cases"
psql "$url" -qc "INSERT INTO settings (key, value) VALUES ('bench_load', '$stamp')"
echo "bench: loaded $cases cases into $db in $(( $(date +%s) - start )) s" >&2
