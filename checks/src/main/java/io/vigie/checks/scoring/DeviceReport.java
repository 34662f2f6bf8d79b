package io.vigie.checks.scoring;

import io.vigie.checks.report.Finding;
import io.vigie.checks.report.Severity;
import io.vigie.checks.report.Verdict;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The verdicts of one device's report, as the console judged them: rule id → verdict, the severity the agent gave
 * each FAIL (rule id → severity; a FAIL without one counts as {@link RiskModel#unrecordedSeverity()}), and when
 * the report was made.
 */
public record DeviceReport(String deviceId, Instant reportedAt, Map<String, Verdict> verdicts,
                           Map<String, Severity> severities) {

    public DeviceReport {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(reportedAt, "reportedAt");
        verdicts = verdicts == null ? Map.of() : Map.copyOf(verdicts);
        severities = severities == null ? Map.of() : Map.copyOf(severities);
    }

    /** Verdicts without recorded severities. */
    public DeviceReport(String deviceId, Instant reportedAt, Map<String, Verdict> verdicts) {
        this(deviceId, reportedAt, verdicts, Map.of());
    }

    /** From a report's findings (e.g. the console's re-judged findings). */
    public static DeviceReport of(String deviceId, Instant reportedAt, Collection<Finding> findings) {
        Map<String, Verdict> v = new LinkedHashMap<>();
        Map<String, Severity> s = new LinkedHashMap<>();
        for (Finding f : findings) {
            v.put(f.ruleId(), f.verdict());
            if (f.severity() != null) {
                s.put(f.ruleId(), f.severity());
            }
        }
        return new DeviceReport(deviceId, reportedAt, v, s);
    }

    public Verdict verdict(String ruleId) {
        return verdicts.get(ruleId);
    }

    /** The severity of the rule's FAIL; null when it did not FAIL or none was recorded. */
    public Severity severity(String ruleId) {
        return verdicts.get(ruleId) == Verdict.FAIL ? severities.get(ruleId) : null;
    }
}
