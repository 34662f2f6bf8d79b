#!/usr/bin/env bash
# Fuzzes every Jazzer target of the project, one after the other, for a set time each (issue 14).
#   bench/fuzz/run.sh [DURATION] [FILTER]     e.g. bench/fuzz/run.sh 60s      bench/fuzz/run.sh 5m Linux
# DURATION: Jazzer duration per target (default 60s). FILTER: only targets whose name contains it.
# A crash makes Jazzer write the input into the target's corpus folder
# (src/test/resources/<package>/<Class>Inputs/<method>/crash-…): from then on every plain `mvn test` replays it,
# so fix the parser and keep the file as the regression fixture. Logs: bench/fuzz/out/<target>.log.
# Plain `./mvnw test` replays the corpus without fuzzing; only JAZZER_FUZZ=1 (set here) fuzzes.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
duration="${1:-60s}"
filter="${2:-}"
out="$root/bench/fuzz/out"
mkdir -p "$out"

targets=(
  "checks io.vigie.checks.report.ReportReadersFuzzTest#reportJson"
  "checks io.vigie.checks.report.ReportReadersFuzzTest#reportFile"
  "agent io.vigie.agent.collect.linux.LinuxParsersFuzzTest#parsers"
  "agent io.vigie.agent.collect.linux.LinuxParsersFuzzTest#collectors"
  "agent io.vigie.agent.collect.macos.MacParsersFuzzTest#parsers"
  "agent io.vigie.agent.collect.macos.MacParsersFuzzTest#collectors"
  "agent io.vigie.agent.collect.windows.WindowsParsersFuzzTest#parsers"
  "agent io.vigie.agent.collect.windows.WindowsParsersFuzzTest#collectors"
)

failed=0
printf '%-70s %-8s %s\n' target result "wall time" | tee "$out/summary.txt"
for t in "${targets[@]}"; do
  module="${t%% *}"
  test="${t#* }"
  [ -n "$filter" ] && [[ "$test" != *"$filter"* ]] && continue
  log="$out/${test##*.}.log"
  start=$(date +%s)
  # one target at a time: the fuzzer takes a core; -am builds checks for agent targets
  JAZZER_FUZZ=1 JAZZER_MAX_DURATION="$duration" "$root/mvnw" -o -pl "$module" -am test -Dtest="$test" \
      -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true >"$log" 2>&1
  rc=$?
  result=$([ $rc -eq 0 ] && echo ok || echo FINDING)
  [ $rc -ne 0 ] && failed=$((failed + 1))
  printf '%-70s %-8s %ss\n' "$test" "$result" "$(( $(date +%s) - start ))" | tee -a "$out/summary.txt"
  if [ $rc -ne 0 ]; then
    grep -m3 -E 'FuzzTestFindingException|Caused by|Test unit written to' "$log" | sed 's/^/    /' | tee -a "$out/summary.txt"
  fi
done
exit $(( failed > 0 ? 1 : 0 ))
