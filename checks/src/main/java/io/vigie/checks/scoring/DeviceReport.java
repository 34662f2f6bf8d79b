package io.vigie.checks.scoring;

import io.vigie.checks.report.Finding;
import io.vigie.checks.report.Verdict;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The verdicts of one device's report, as the console judged them: rule id → verdict, and when the report was made.
 */
public record DeviceReport(String deviceId, Instant reportedAt, Map<String, Verdict> verdicts) {

    public DeviceReport {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(reportedAt, "reportedAt");
        verdicts = verdicts == null ? Map.of() : Map.copyOf(verdicts);
    }

    /** From a report's findings (e.g. the console's re-judged findings). */
    public static DeviceReport of(String deviceId, Instant reportedAt, Collection<Finding> findings) {
        Map<String, Verdict> v = new LinkedHashMap<>();
        for (Finding f : findings) {
            v.put(f.ruleId(), f.verdict());
        }
        return new DeviceReport(deviceId, reportedAt, v);
    }

    public Verdict verdict(String ruleId) {
        return verdicts.get(ruleId);
    }
}
