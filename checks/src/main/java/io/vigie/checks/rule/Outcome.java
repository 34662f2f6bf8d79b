package io.vigie.checks.rule;

import io.vigie.checks.report.Severity;
import io.vigie.checks.report.Verdict;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a rule returns: a verdict, a reason code, the evidence used, and optionally a severity that replaces
 * the catalogue's default (e.g. an end-of-life OS that also listens on the network becomes critical).
 */
public record Outcome(Verdict verdict, String reason, Map<String, Object> evidence, Severity severityOverride) {

    public Outcome {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        evidence = evidence == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    public static Outcome pass(String reason, Map<String, Object> evidence) {
        return new Outcome(Verdict.PASS, reason, evidence, null);
    }

    public static Outcome fail(String reason, Map<String, Object> evidence) {
        return new Outcome(Verdict.FAIL, reason, evidence, null);
    }

    public static Outcome unknown(String reason, Map<String, Object> evidence) {
        return new Outcome(Verdict.UNKNOWN, reason, evidence, null);
    }

    public static Outcome notApplicable(String reason, Map<String, Object> evidence) {
        return new Outcome(Verdict.NOT_APPLICABLE, reason, evidence, null);
    }

    public Outcome withSeverity(Severity severity) {
        return new Outcome(verdict, reason, evidence, severity);
    }
}
