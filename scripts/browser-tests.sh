#!/usr/bin/env bash
# Browser tests of the pages: headless Chromium (Debian's chromium + chromium-driver, nothing
# downloaded at run time) driven by Selenium from PyPI, against the debug binary on a fresh
# database with the test clock. Builds nothing: run `swift build` first (make test does).
# GUICHET_SCREENSHOTS=1 also writes docs/screenshots/*.png (not in CI).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bin="${GUICHET_BIN:-$root/.build/debug/guichet}"
[ -x "$bin" ] || { echo "browser-tests: $bin is missing (swift build)" >&2; exit 1; }

scripts/deps.sh chromium chromium-driver zbar-tools fonts-noto-core fonts-dejavu-core
python3 -c "import selenium, pytest" 2>/dev/null || python3 -m pip install -q selenium pytest

scripts/db.sh start
db="guichet_browser_$$"
bindir="$(scripts/db.sh bindir)"
admin_url="$(scripts/db.sh url postgres)"
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
run_pg "$bindir/psql" "$admin_url" -qc "CREATE DATABASE $db" >/dev/null
url="$(scripts/db.sh url "$db")"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  run_pg "$bindir/psql" "$admin_url" -qc "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

"$bin" seed-demo --database-url "$url" --migrations-dir Migrations > "$work/accounts.txt"
"$bin" serve --database-url "$url" --test-clock --port 0 --public-dir Public --migrations-dir Migrations \
  --no-access-log --no-sweeper --filing-limit 1000 --tracking-failure-limit 1000 --login-failure-limit 1000 \
  2> "$work/server.log" &
server_pid=$!
port=""
for _ in $(seq 1 100); do
  port="$(sed -n 's/.*listening on http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$work/server.log" | head -n 1)"
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "browser-tests: the server did not start" >&2; cat "$work/server.log" >&2; exit 1; }

status=0
GUICHET_URL="http://127.0.0.1:$port" GUICHET_ACCOUNTS="$work/accounts.txt" \
  python3 -m pytest -q -p no:cacheprovider Tests/browser "$@" || status=$?
[ "$status" -eq 0 ] || tail -n 50 "$work/server.log" >&2
exit "$status"
