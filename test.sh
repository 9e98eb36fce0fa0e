#!/usr/bin/env bash
# The one test command: installs what the tests need when missing, builds, runs every test,
# and ends with "N passed, N failed, N skipped" computed from the test results.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results="$(pwd)/Shop.Tests/TestResults"
rm -rf "$results"

if [ -x ./scripts/install-test-deps.sh ]; then ./scripts/install-test-deps.sh || echo "warning: installing test dependencies failed" >&2; fi

dotnet tool restore >/dev/null
if ! dotnet build Shop.sln -c Release -nologo -clp:ErrorsOnly; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test Shop.Tests -c Release --no-build -nologo \
  --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" \
  --results-directory "$results" "$@"
status=$?

trx="$results/results.trx"
if [ ! -f "$trx" ]; then
  echo "no test results were written"
  echo "0 passed, 1 failed"
  exit 1
fi
counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
count() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
total=$(count total); passed=$(count passed); failed=$(count failed); executed=$(count executed)
errors=$(count error); timeouts=$(count timeout); aborted=$(count aborted)
failed=$((failed + errors + timeouts + aborted))
skipped=$((total - executed))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
# The failed tests again, with the first lines of their messages, next to the summary (CI shows the end of the log).
if [ "$failed" -ne 0 ] && command -v python3 >/dev/null; then
  python3 - "$trx" <<'PY' || true
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for result in ET.parse(sys.argv[1]).getroot().iterfind(".//t:UnitTestResult", ns):
    if result.get("outcome") in ("Passed", "NotExecuted"): continue
    message = result.findtext("t:Output/t:ErrorInfo/t:Message", "", ns).strip().splitlines()
    print(f"FAILED {result.get('testName')} ({result.get('duration')})")
    for line in message[:6]: print("    " + line[:300])
PY
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
