#!/usr/bin/env bash
# Benchmark of the whole `vigie check --json` process on this machine, after the first build:
# wall time (median, min, max of N runs after one warm-up) and peak RSS, measured with /usr/bin/time.
# Usage: bench/agent/check.sh [RUNS]   (default 7). Prints a Markdown table row set.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
runs="${1:-7}"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package 'time')" >&2; exit 2; }
./vigie check --json >/dev/null 2>&1 || true       # build if needed + create the class-data archive
./vigie check --json >/dev/null 2>&1 || true       # warm-up (file cache)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for i in $(seq 1 "$runs"); do
  /usr/bin/time -f '%e %M' -o "$tmp/$i" ./vigie check --json >/dev/null 2>&1 || true
done
cat "$tmp"/* | sort -n | awk -v n="$runs" -v who="$(id -un)" '
  { wall[NR]=$1; rss[NR]=$2 }
  END {
    m = (n % 2) ? wall[(n+1)/2] : (wall[n/2] + wall[n/2+1]) / 2
    maxrss = 0; for (i = 1; i <= n; i++) if (rss[i] > maxrss) maxrss = rss[i]
    printf "| vigie check --json (as %s) | %d | %.2f s | %.2f s | %.2f s | %.0f MB |\n", who, n, m, wall[1], wall[n], maxrss/1024
  }'
