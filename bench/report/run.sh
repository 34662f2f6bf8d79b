#!/usr/bin/env bash
# Diagnostic report rendering benchmark: one diagnostic with N devices (two recorded Windows machines replayed through
# the agent, cycled; ~30 findings each) rendered to HTML + PDF several times in one JVM after a warm-up.
# Usage (from anywhere): bench/report/run.sh [devices=50] [runs=15] [warmup=5]
# Set BENCH_BUILD=0 to reuse an existing build. Results on stdout; pages counted with pdfinfo when present.
set -euo pipefail
cd "$(dirname "$0")/../.."
# ReportFixtures replays recorded machines through the agent, a test-only dependency of the console: the demo
# module's lib/ holds the console's jar, the agent and all their libraries
if [ ! -f demo/target/vigie-demo.jar ] || [ "${BENCH_BUILD:-1}" = 1 ]; then
  ./mvnw -B -q -o -pl demo -am package -DskipTests
fi
cd console
echo "cores=$(nproc) load average before: $(cut -d" " -f1-3 /proc/loadavg)"
OUT=$(java ${BENCH_OPTS:--Xmx512m} -cp "target/test-classes:../demo/target/lib/*" \
  io.vigie.console.report.ReportBench "${1:-50}" "${2:-15}" "${3:-5}")
echo "$OUT"
PDF=$(echo "$OUT" | sed -n 's/^pdf written to //p')
if command -v pdfinfo >/dev/null 2>&1 && [ -n "$PDF" ]; then
  echo "pages: $(pdfinfo "$PDF" | sed -n 's/^Pages: *//p')"
fi
[ -n "$PDF" ] && rm -rf "$(dirname "$PDF")"
echo "load average after: $(cut -d" " -f1-3 /proc/loadavg)"
