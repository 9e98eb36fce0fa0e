#!/bin/bash
# CPU profile of the shop's server under the bench, native frames (SQLite, the kernel) included:
#   scripts/profile-server.sh [seconds to wait] [bench args...]      e.g. scripts/profile-server.sh 40 --orders 6000
# Needs `perf` (Debian: linux-perf) and root. The JIT writes /tmp/perf-PID.map so perf names managed frames.
set -euo pipefail
wait_seconds=${1:-40}; shift || true
[ $# -gt 0 ] || set -- --orders 6000
out=${PROFILE_OUT:-/tmp/shop-profile}
cd "$(dirname "$0")/.."
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 \
  dotnet run --project Shop.Bench -c Release --no-build -- --start "$@" > "$out.bench.txt" 2>&1 &
sleep "$wait_seconds"
pid=$(pgrep -f 'Shop.Web.dll --urls' | head -1)
# DWARF unwinding: libe_sqlite3 has no frame pointers. 5 s at 499 Hz keeps the file small.
perf record -F 499 --call-graph dwarf,8192 -p "$pid" -o "$out.data" -- sleep 5 > /dev/null 2>&1
perf report -i "$out.data" --no-children --sort dso,sym -g none 2>/dev/null | grep -v '^#' | grep -v '^$' | head -40
echo "bench output: $out.bench.txt; call stacks: perf script -i $out.data"
wait
