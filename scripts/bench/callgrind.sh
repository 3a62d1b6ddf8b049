#!/usr/bin/env bash
# Instructions per request, counted by callgrind (reproducible, unlike timings on a shared machine):
#   scripts/bench/callgrind.sh [track|healthz|overdue|departments] [BINARY]
# Runs the binary under valgrind against the bench data set (make bench loads it), 1 loop and 2
# workers, sends a tenth of $REQUESTS (default 2,000) as warm-up, zeroes the counters, sends
# $REQUESTS on one keep-alive connection, dumps, and prints the whole process's instructions per
# request. The profile stays in .build/callgrind.out.* for callgrind_annotate.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
kind="${1:-track}"
binary="${2:-$root/.build/release/guichet}"
# Fewer for the slow reports: valgrind runs a 3 ms request for about a tenth of a second.
requests="${REQUESTS:-2000}"
port=18097
url="$("$root/scripts/db.sh" url guichet_bench)"
out="$root/.build/callgrind.out"
rm -f "$out" "$out".*
valgrind --tool=callgrind --callgrind-out-file="$out" "$binary" serve --port "$port" --database-url "$url" \
  --no-access-log --no-migrate --no-sweeper --db-pool 2 --workers 2 --event-loops 1 \
  --tracking-failure-limit 1000000 --public-dir "$root/Public" > "$root/.build/callgrind.log" 2>&1 &
pid=$!
trap 'kill -INT $pid 2>/dev/null || true' EXIT
for _ in $(seq 120); do curl -sf "localhost:$port/healthz" > /dev/null && break; sleep 1; done
pairs="$root/.build/callgrind.pairs"
psql "$url" -Atc "SELECT reference || ' ' || key FROM bench_pairs ORDER BY i LIMIT 2200" > "$pairs"
client() {
  python3 - "$kind" "$port" "$1" "$2" "$pairs" <<'PY'
import http.client, sys
import json
kind, port, skip, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
pairs = [line.split() for line in open(sys.argv[5]).read().splitlines()]
connection = http.client.HTTPConnection("127.0.0.1", port)
staff = kind in ("overdue", "departments")
if staff and skip:
    # The account bench.py adds. The warm-up run signs in; the counted run reuses its session, so
    # the password hash stays out of the count.
    connection.request("POST", "/api/v1/session", body=json.dumps(
        {"username": "bench.admin", "password": "bench-password-123456"}),
        headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    open(sys.argv[5] + ".token", "w").write(json.loads(response.read())["token"])
if staff:
    token = open(sys.argv[5] + ".token").read()
for n in range(count):
    if kind == "overdue":
        connection.request("GET", "/api/v1/reports/overdue?limit=100", headers={"Authorization": "Bearer " + token})
    elif kind == "departments":
        connection.request("GET", "/api/v1/reports/departments", headers={"Authorization": "Bearer " + token})
    elif kind == "track":
        reference, key = pairs[(skip + n) % len(pairs)]
        connection.request("GET", "/api/v1/track/" + reference, headers={"X-Tracking-Key": key})
    else:
        connection.request("GET", "/healthz")
    response = connection.getresponse()
    response.read()
    if response.status != 200:
        sys.exit(f"callgrind: {kind} answered {response.status}")
PY
}
client "$requests" "$((requests / 10))"
callgrind_control -z "$pid" > /dev/null
client 0 "$requests"
callgrind_control -d "$pid" > /dev/null
total="$(callgrind_annotate "$out".1 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')"
echo "callgrind: $kind, $((total / requests)) instructions per request (whole process, user space; $out.1)"
