#!/usr/bin/env bash
# Console ingestion benchmark. Usage (from anywhere):
#   [WARMUP=30] bench/ingest/run.sh sqlite|postgresql [seconds=30] [concurrency=32] [devices=500]
# PostgreSQL: VIGIE_BENCH_PG_URL (default jdbc:postgresql://127.0.0.1:5432/test?user=postgres); a fresh schema is
# created and dropped. The console runs as its own process (-Xmx256m) so its RSS is its own; results on stdout.
set -euo pipefail
cd "$(dirname "$0")/../.."
BACKEND=${1:-sqlite}
SECS=${2:-30}
CONC=${3:-32}
DEVICES=${4:-500}
WARMUP=${WARMUP:-30}
PG=${VIGIE_BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}
CONSOLE_OPTS=${CONSOLE_OPTS:--Xmx256m}

if [ ! -f console/target/vigie-console.jar ] || [ "${BENCH_BUILD:-1}" = 1 ]; then
  ./mvnw -B -q -o -pl console -am package -DskipTests
fi
CP="console/target/vigie-console.jar:console/target/lib/*"
WORK=$(mktemp -d /tmp/vigie-bench.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
export VIGIE_CONSOLE_DATA_DIR="$WORK/data" VIGIE_CONSOLE_HTTP_HOST=127.0.0.1 VIGIE_CONSOLE_HTTP_PORT="$PORT" \
       VIGIE_CONSOLE_LOG_ACCESS=false
SCHEMA=""
if [ "$BACKEND" = postgresql ]; then
  SCHEMA="vigie_bench_$$"
  java -cp "$CP" bench/ingest/IngestBench.java --pg-schema "create:$SCHEMA" --jdbc "$PG"
  export VIGIE_CONSOLE_DATABASE_URL="$PG&currentSchema=$SCHEMA"
  JDBC="$VIGIE_CONSOLE_DATABASE_URL"
else
  JDBC="jdbc:sqlite:$WORK/data/vigie.db"
fi

CONSOLE_PID=""
cleanup() {
  if [ -n "$CONSOLE_PID" ]; then kill "$CONSOLE_PID" 2>/dev/null || true; wait "$CONSOLE_PID" 2>/dev/null || true; fi
  if [ -n "$SCHEMA" ]; then java -cp "$CP" bench/ingest/IngestBench.java --pg-schema "drop:$SCHEMA" --jdbc "$PG" || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "bench-password-not-for-production" | java -jar console/target/vigie-console.jar admin create \
  --provider Bench --email bench@bench.invalid --password-stdin >/dev/null
TOKEN=$(java -jar console/target/vigie-console.jar admin token --email bench@bench.invalid)

java $CONSOLE_OPTS -jar console/target/vigie-console.jar serve > "$WORK/console.log" 2>&1 &
CONSOLE_PID=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  sleep 0.2
done
echo "backend=$BACKEND console pid=$CONSOLE_PID opts=$CONSOLE_OPTS cores=$(nproc) load average before: $(cut -d" " -f1-3 /proc/loadavg) $(java -version 2>&1 | head -1)"
java -Xmx1g -cp "$CP" bench/ingest/IngestBench.java --url "http://127.0.0.1:$PORT" --token "$TOKEN" \
  --pid "$CONSOLE_PID" --seconds "$SECS" --concurrency "$CONC" --devices "$DEVICES" --warmup "$WARMUP" --jdbc "$JDBC"
grep -c '"level":"ERROR"' "$WORK/console.log" | sed 's/^/console ERROR log lines: /' || true
echo "load average after: $(cut -d" " -f1-3 /proc/loadavg)"
