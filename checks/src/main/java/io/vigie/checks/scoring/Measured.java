package io.vigie.checks.scoring;

import io.vigie.checks.report.Severity;

import java.util.List;

/**
 * The measured answer M of a question.
 *
 * @param value     the answer value, null when the evidence cannot decide at this share
 * @param share     r = compliant ÷ devices with a PASS or FAIL on the linked rules
 * @param coverage  c = devices reporting ÷ devices declared (null when the context gives no device count)
 * @param compliant devices compliant
 * @param counted   devices counted in r
 * @param reporting devices with a report young enough to be used
 * @param capped    M was lowered to the low-coverage cap
 * @param stale     some counted device's report is stale (older than the stale limit)
 * @param staleDevices ids of the stale devices counted
 * @param worstFail the most severe FAIL among the devices counted (a FAIL without a recorded severity read as the
 *                  risk model's unrecorded severity); null when no device fails
 */
public record Measured(Double value, double share, Double coverage, int compliant, int counted, int reporting,
                       boolean capped, boolean stale, List<String> staleDevices, Severity worstFail) {

    public Measured {
        staleDevices = staleDevices == null ? List.of() : List.copyOf(staleDevices);
    }
}
