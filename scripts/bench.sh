#!/usr/bin/env bash
# make bench: installs the load tools, builds the peer (cached outside the repo), runs scripts/bench/bench.py.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/deps.sh" wrk nginx postgresql-contrib
exec python3 "$root/scripts/bench/bench.py" "$@"
