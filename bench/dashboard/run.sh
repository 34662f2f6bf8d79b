#!/usr/bin/env bash
# Dashboard benchmark: the cost of the « diagnostic et plan » column for an MSP with many customers — every
# organisation's newest diagnostic evaluated (score, plan, proofs from the reports after its signature).
# Usage (from anywhere): bench/dashboard/run.sh [organisations=300] [devices=3] [laterReports=6] [runs=5]
# Embedded SQLite in a temporary folder by default; VIGIE_BENCH_PG_URL=jdbc:postgresql://… for PostgreSQL.
# Set BENCH_BUILD=0 to reuse an existing build. Results on stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."
# ReportFixtures replays recorded machines through the agent, a test-only dependency of the console: the demo
# module's lib/ holds the console's jar, the agent and all their libraries
if [ ! -f demo/target/vigie-demo.jar ] || [ "${BENCH_BUILD:-1}" = 1 ]; then
  ./mvnw -B -q -o -pl demo -am package -DskipTests
fi
cd console
echo "cores=$(nproc) load average before: $(cut -d" " -f1-3 /proc/loadavg)"
/usr/bin/time -f "peak RSS %M KB, wall %e s" java ${BENCH_OPTS:--Xmx512m} \
  -cp "target/test-classes:../demo/target/lib/*" \
  io.vigie.console.report.DashboardBench "${1:-300}" "${2:-3}" "${3:-6}" "${4:-5}"
echo "load average after: $(cut -d" " -f1-3 /proc/loadavg)"
