#!/usr/bin/env bash
# Builds the libFuzzer target for the pure HTTP/1 layer and runs it for FUZZ_SECONDS (default 60).
# The sources are compiled directly with the fuzz entry (no package build), with ASan and libFuzzer
# from the Swift toolchain. The run writes into a scratch copy of the seed corpus (Fuzz/corpus-run/,
# gitignored) so the committed seeds stay small. Exits non-zero on a crash; a crash input is saved
# as Fuzz/out/crash-*.
# Usage: FUZZ_SECONDS=60 scripts/fuzz.sh [extra libFuzzer flags...]
set -euo pipefail
cd "$(dirname "$0")/.."

SWIFTC=${SWIFTC:-swiftc}
SECONDS_TO_RUN=${FUZZ_SECONDS:-60}
OUT=Fuzz/out
BIN=$OUT/http1-fuzz
mkdir -p "$OUT"

# libFuzzer's runtime ships with the Swift toolchain but is C++: it links against libstdc++.
# Probe with an empty target first, so a missing system package is named rather than guessed at.
probe() {
  printf '@_cdecl("LLVMFuzzerTestOneInput") public func f(_ d: UnsafePointer<UInt8>, _ n: Int) -> CInt { 0 }\n' \
    > "$OUT/probe.swift"
  "$SWIFTC" -sanitize=fuzzer,address -parse-as-library -use-ld=lld "$OUT/probe.swift" -o "$OUT/probe" \
    >"$OUT/probe.log" 2>&1
}
if ! probe; then
  packages=${FUZZ_APT_PACKAGES:-libstdc++-12-dev}
  if [ "$(id -u)" -eq 0 ]; then
    echo "fuzz: fuzzer runtime does not link; installing $packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086  # a list of package names
    apt-get install -y -qq --no-install-recommends $packages >&2
  fi
  probe || { cat "$OUT/probe.log" >&2; echo "fuzz: cannot link a libFuzzer target (need $packages)" >&2; exit 2; }
fi

echo "fuzz: building $BIN" >&2
"$SWIFTC" -sanitize=fuzzer,address -parse-as-library -O -wmo -use-ld=lld -module-name HTTP1Fuzz \
  Sources/HTTPServer/HTTP1/*.swift Sources/HTTPServer/Limits.swift Fuzz/HeadParserFuzz.swift -o "$BIN"

rm -rf Fuzz/corpus-run
cp -R Fuzz/corpus Fuzz/corpus-run

# SWIFT_BACKTRACE=enable=no: otherwise a crash waits in the Swift backtracer instead of letting
# libFuzzer write the crash file and exit.
log=$OUT/fuzz.log
set +e
SWIFT_BACKTRACE=enable=no "$BIN" Fuzz/corpus-run \
  -max_total_time="$SECONDS_TO_RUN" -print_final_stats=1 -max_len=4096 -timeout=10 \
  -artifact_prefix="$OUT/" "$@" >"$log" 2>&1
status=$?
set -e

if [ $status -ne 0 ]; then
  tail -n 40 "$log" >&2
  echo "fuzz: crash (exit $status); input saved under $OUT/, full log in $log" >&2
  exit 1
fi
executions=$(sed -n 's/^stat::number_of_executed_units: *\([0-9][0-9]*\).*/\1/p' "$log" | tail -n 1)
if [ -z "$executions" ]; then
  tail -n 20 "$log" >&2
  echo "fuzz: no final stats in $log" >&2
  exit 1
fi
echo "fuzz: $executions executions, no crash"
