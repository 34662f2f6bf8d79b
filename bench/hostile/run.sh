#!/usr/bin/env bash
# Console liveness under hostile bodies (issue 14, item 1). Usage (from anywhere):
#   bench/hostile/run.sh [seconds=60] [clients=200] [body-mb=16]
# The console runs as its own process at -Xmx256m (CONSOLE_OPTS), on SQLite, on loopback; the load generator sends
# maximum-size anonymous bodies from `clients` threads while a probe measures /health + an authenticated upload.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECS=${1:-60}
CLIENTS=${2:-200}
BODY_MB=${3:-16}
CONSOLE_OPTS=${CONSOLE_OPTS:--Xmx256m}
if [ ! -f console/target/vigie-console.jar ] || [ "${BENCH_BUILD:-1}" = 1 ]; then
  ./mvnw -B -q -o -pl console -am package -DskipTests
fi
CP="console/target/vigie-console.jar:console/target/lib/*"
WORK=$(mktemp -d /tmp/vigie-hostile.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
export VIGIE_CONSOLE_DATA_DIR="$WORK/data" VIGIE_CONSOLE_HTTP_HOST=127.0.0.1 VIGIE_CONSOLE_HTTP_PORT="$PORT" \
       VIGIE_CONSOLE_LOG_ACCESS=false
CONSOLE_PID=""
cleanup() {
  if [ -n "$CONSOLE_PID" ]; then kill "$CONSOLE_PID" 2>/dev/null || true; wait "$CONSOLE_PID" 2>/dev/null || true; fi
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
echo "console pid=$CONSOLE_PID opts=$CONSOLE_OPTS cores=$(nproc) load average before: $(cut -d" " -f1-3 /proc/loadavg)"
java -Xmx512m -cp "$CP" bench/hostile/HostileBench.java --url "http://127.0.0.1:$PORT" --token "$TOKEN" \
  --clients "$CLIENTS" --seconds "$SECS" --body-mb "$BODY_MB"
echo "load average after: $(cut -d" " -f1-3 /proc/loadavg)"
echo "console alive after: $(curl -s -m 10 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health")"
echo "OutOfMemoryError in the console log: $(grep -c OutOfMemoryError "$WORK/console.log" || true)"
