package io.vigie.checks.plan;

import io.vigie.checks.report.Verdict;
import io.vigie.checks.scoring.DeviceReport;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Closure proof of a measure from agent evidence, a pure function over a timeline of device reports.
 *
 * <p>Reports up to {@code now} are read in time order, keeping each device's latest opinion on the proof rules
 * (reports before {@code since} only say where each device stood when the measure started; they never count towards
 * the duration): a report with a FAIL on any of them says « not done » for that device, one with a PASS (and no FAIL)
 * says « done », one with only UNKNOWN / NOT_APPLICABLE says nothing and leaves the device's previous opinion in
 * place (a device that failed and can no longer be checked still counts as failing). The measure holds while every
 * device with an opinion says « done ». It is {@link Status#VERIFIE vérifié} when it has held without a break for at
 * least the proof's duration (from the report that made it hold to the latest PASS). Otherwise it falls back to the
 * status declared by people, and {@code contradictedAt} tells when a verified measure was contradicted.
 */
public final class Verification {

    private Verification() {
    }

    /**
     * @param status         the effective status
     * @param provenSince    when the measure started to hold without a break (null: it does not hold)
     * @param contradictedAt the last FAIL that broke a hold long enough to verify the measure (null: none)
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
                .filter(r -> !r.reportedAt().isAfter(now))
                .sorted(Comparator.comparing(DeviceReport::reportedAt).thenComparing(DeviceReport::deviceId))
                .toList();
        Map<String, Boolean> done = new HashMap<>();
        Instant start = null;
        Instant lastPass = null;
        Instant contradicted = null;
        for (DeviceReport r : reports) {
            boolean fail = proof.rules().stream().anyMatch(rule -> r.verdict(rule) == Verdict.FAIL);
            boolean pass = proof.rules().stream().anyMatch(rule -> r.verdict(rule) == Verdict.PASS);
            if (!fail && !pass) {
                continue;
            }
            done.put(r.deviceId(), !fail);
            if (r.reportedAt().isBefore(since)) {
                continue; // where the device stood when the measure started: not a proof
            }
            boolean holds = !done.containsValue(Boolean.FALSE);
            if (holds) {
                if (start == null) {
                    start = r.reportedAt();
                }
                lastPass = r.reportedAt();
            } else {
                if (start != null && Duration.between(start, lastPass).compareTo(needed) >= 0) {
                    contradicted = r.reportedAt();
                }
                start = null;
                lastPass = null;
            }
        }
        boolean proven = start != null && Duration.between(start, lastPass).compareTo(needed) >= 0;
        Status s = proven ? Status.VERIFIE : (declared == Status.VERIFIE ? Status.FAIT : declared);
        return new Result(s, start, contradicted);
    }
}
