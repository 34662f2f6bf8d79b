package io.vigie.console.web.view;

import java.util.List;

/**
 * A device of the organisation in a diagnostic: its name, how fresh its newest report is (label and css), when
 * that report was made, the findings to review (FAIL and UNKNOWN, and any already reviewed) and how many other
 * verdicts (PASS, not applicable) it has.
 */
public record ReviewDevice(String deviceId, String hostname, String freshness, String freshnessCss, String reportedAt,
                           List<ReviewFinding> findings, int others) {
}
