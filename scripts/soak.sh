#!/usr/bin/env bash
# `make soak`: the crash-consistency soak (scripts/soak.py: SIGKILLed server and PostgreSQL stopped
# with `immediate` under concurrent idempotent filings), the same past one machine
# (scripts/soak_cluster.py: two instances behind nginx, one SIGKILLed at a time, reports on a
# streaming replica), a flood of unfinished requests past the connection cap (scripts/soak_flood.py),
# then the HTTP/1 parser under libFuzzer until it has run FUZZ_RUNS inputs
# (default 10 million; bounded by FUZZ_SECONDS, default 900). Ends with
#   soak: cases acknowledged N, found N, lost 0, refused as expected N, flood refused N of N, RSS N MiB
#         during, fuzz executions N;
#         two instances behind nginx: acknowledged N, found N, lost 0, refused N, escalated once N of N
# Knobs: SOAK_SECONDS (60), SOAK_CLIENTS (8), SOAK_KILLS (4), CLUSTER_SECONDS (60), FLOOD_CONNECTIONS (3000),
# FLOOD_CAP (2000), FUZZ_RUNS, FUZZ_SECONDS.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 scripts/soak.py --seconds "${SOAK_SECONDS:-60}" --clients "${SOAK_CLIENTS:-8}" --kills "${SOAK_KILLS:-4}"
summary=$(cat .build/soak/summary)
python3 scripts/soak_cluster.py --seconds "${CLUSTER_SECONDS:-60}" --clients "${SOAK_CLIENTS:-8}" --kills "${SOAK_KILLS:-4}"
cluster=$(cat .build/soak/cluster-summary)
python3 scripts/soak_flood.py --connections "${FLOOD_CONNECTIONS:-3000}" --cap "${FLOOD_CAP:-2000}"
flood=$(cat .build/soak/flood-summary)

runs=${FUZZ_RUNS:-10000000}
fuzz=$(FUZZ_SECONDS="${FUZZ_SECONDS:-900}" scripts/fuzz.sh -runs="$runs" | tail -n 1)
executions=$(sed -n 's/^fuzz: \([0-9][0-9]*\) executions.*/\1/p' <<<"$fuzz")
echo "$fuzz"
if [ "${executions:-0}" -lt "$runs" ]; then
  echo "soak: the fuzzer ran only ${executions:-0} of $runs inputs within ${FUZZ_SECONDS:-900} s" >&2
fi
echo "$summary, $flood, fuzz executions ${executions:-0}; two instances behind nginx: $cluster"
