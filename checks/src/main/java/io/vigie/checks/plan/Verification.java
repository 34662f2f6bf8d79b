package io.vigie.checks.plan;

import io.vigie.checks.rule.Verdict;
import io.vigie.checks.scoring.DeviceReport;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Closure proof of a measure from agent evidence, a pure function over a timeline of device reports.
 *
 * <p>Reports from {@code since} to {@code now} are read in time order. A report with a FAIL on any proof rule
 * contradicts the measure and restarts the count; a report with a PASS (and no FAIL) continues it; a report with
 * only UNKNOWN / NOT_APPLICABLE is neutral. The measure is {@link Status#VERIFIE vérifié} when the current streak of
 * PASS reports spans at least the proof's duration (from its first to its last PASS report). Otherwise it falls back
 * to the status declared by people, and {@code contradictedAt} tells when a verified measure was contradicted.
 */
public final class Verification {

    private Verification() {
    }

    /**
     * @param status         the effective status
     * @param provenSince    start of the current unbroken streak of PASS reports (null: none)
     * @param contradictedAt the last FAIL that broke a streak long enough to verify the measure (null: none)
     */
    public record Result(Status status, Instant provenSince, Instant contradictedAt) {
    }

    public static Result status(Recommendations.Proof proof, Status declared, List<DeviceReport> timeline,
                                Instant since, Instant now) {
        if (proof == null || proof.rules().isEmpty()) {
            return new Result(declared, null, null);
        }
        Duration needed = Duration.ofDays(proof.days());
        List<DeviceReport> reports = timeline.stream()
                .filter(r -> !r.reportedAt().isBefore(since) && !r.reportedAt().isAfter(now))
                .sorted(Comparator.comparing(DeviceReport::reportedAt).thenComparing(DeviceReport::deviceId))
                .toList();
        Instant start = null;
        Instant lastPass = null;
        Instant contradicted = null;
        for (DeviceReport r : reports) {
            boolean fail = proof.rules().stream().anyMatch(rule -> r.verdict(rule) == Verdict.FAIL);
            boolean pass = proof.rules().stream().anyMatch(rule -> r.verdict(rule) == Verdict.PASS);
            if (fail) {
                if (start != null && Duration.between(start, lastPass).compareTo(needed) >= 0) {
                    contradicted = r.reportedAt();
                }
                start = null;
                lastPass = null;
            } else if (pass) {
                if (start == null) {
                    start = r.reportedAt();
                }
                lastPass = r.reportedAt();
            }
        }
        boolean proven = start != null && Duration.between(start, lastPass).compareTo(needed) >= 0;
        Status s = proven ? Status.VERIFIE : (declared == Status.VERIFIE ? Status.FAIT : declared);
        return new Result(s, start, contradicted);
    }
}
