package io.vigie.checks.plan;

import io.vigie.checks.report.Verdict;
import io.vigie.checks.scoring.DeviceReport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Measure 9.1 (automatic backups) is proven by VIG-BAK-001/002 passing for 30 days (recommendations.json). */
class VerificationTest {

    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    static final Recommendations.Proof PROOF = Recommendations.builtin().forQuestion("9.1").orElseThrow().proof();

    static DeviceReport at(String device, int day, Verdict v) {
        return new DeviceReport(device, T0.plus(Duration.ofDays(day)), Map.of("VIG-BAK-001", Verdict.PASS, "VIG-BAK-002", v));
    }

    static Instant day(int d) {
        return T0.plus(Duration.ofDays(d));
    }

    @Test
    void thirtyDaysOfPassVerifiesThenAFailFallsBackThenItRecovers() {
        assertEquals(30, PROOF.days());
        List<DeviceReport> timeline = new ArrayList<>();
        // two devices report every 5 days, all PASS, from day 0 to day 25: 25 days proven, not yet 30
        for (int d = 0; d <= 25; d += 5) {
            timeline.add(at("pc1", d, Verdict.PASS));
            timeline.add(at("pc2", d, Verdict.PASS));
        }
        assertEquals(Status.FAIT, Verification.status(PROOF, Status.FAIT, timeline, T0, day(26)).status());
        // day 30: PASS → 30 days from day 0 → vérifié
        timeline.add(at("pc1", 30, Verdict.PASS));
        Verification.Result ok = Verification.status(PROOF, Status.FAIT, timeline, T0, day(31));
        assertEquals(Status.VERIFIE, ok.status());
        assertEquals(T0, ok.provenSince());
        // day 33: pc2's backup is older than 7 days (FAIL) → back to « fait », contradiction dated
        timeline.add(at("pc2", 33, Verdict.FAIL));
        Verification.Result back = Verification.status(PROOF, Status.VERIFIE, timeline, T0, day(34));
        assertEquals(Status.FAIT, back.status());
        assertEquals(day(33), back.contradictedAt());
        assertNull(back.provenSince());
        // from day 35 pc1 passes but pc2 can no longer be checked (UNKNOWN): its last word was a FAIL, so the
        // measure does not hold again until pc2 itself passes (day 65); 30 days later (day 95) it is vérifié again
        for (int d = 35; d <= 60; d += 5) {
            timeline.add(at("pc1", d, Verdict.PASS));
            timeline.add(new DeviceReport("pc2", day(d), Map.of("VIG-BAK-001", Verdict.UNKNOWN, "VIG-BAK-002", Verdict.UNKNOWN)));
        }
        Verification.Result blocked = Verification.status(PROOF, Status.FAIT, timeline, T0, day(61));
        assertEquals(Status.FAIT, blocked.status());
        assertNull(blocked.provenSince(), "pc2 still fails as far as anyone knows");
        for (int d = 65; d <= 95; d += 5) {
            timeline.add(at("pc1", d, Verdict.PASS));
            timeline.add(at("pc2", d, Verdict.PASS));
        }
        assertEquals(day(65), Verification.status(PROOF, Status.FAIT, timeline, T0, day(90)).provenSince());
        assertEquals(Status.FAIT, Verification.status(PROOF, Status.FAIT, timeline, T0, day(90)).status());
        Verification.Result again = Verification.status(PROOF, Status.FAIT, timeline, T0, day(96));
        assertEquals(Status.VERIFIE, again.status());
        assertEquals(day(65), again.provenSince());
        // reports after « now » are not read: as of day 94 the second hold is 25 days old
        assertEquals(Status.FAIT, Verification.status(PROOF, Status.FAIT, timeline, T0, day(94)).status());
    }

    @Test
    void aDeviceThatFailedAndFellSilentKeepsTheMeasureFromBeingVerified() {
        List<DeviceReport> timeline = new ArrayList<>();
        timeline.add(at("pc2", 0, Verdict.FAIL)); // pc2 still without backup, then no more reports
        for (int d = 1; d <= 40; d += 3) {
            timeline.add(at("pc1", d, Verdict.PASS));
        }
        Verification.Result r = Verification.status(PROOF, Status.EN_COURS, timeline, T0, day(41));
        assertEquals(Status.EN_COURS, r.status());
        assertNull(r.provenSince());
        // without pc2's failure, pc1's 39 days of backups prove it
        timeline.remove(0);
        assertEquals(Status.VERIFIE, Verification.status(PROOF, Status.EN_COURS, timeline, T0, day(41)).status());
    }

    @Test
    void aDeviceThatFailedBeforeTheMeasureStartedMustPassAfterIt() {
        // pc2 had no backup when the diagnostic was signed (day 0) and has not reported since: pc1's backups alone
        // do not prove the measure; once pc2 passes (day 10), the hold starts there
        List<DeviceReport> timeline = new ArrayList<>(List.of(at("pc2", -1, Verdict.FAIL), at("pc1", -1, Verdict.PASS)));
        for (int d = 1; d <= 40; d += 3) {
            timeline.add(at("pc1", d, Verdict.PASS));
        }
        assertEquals(Status.A_FAIRE, Verification.status(PROOF, Status.A_FAIRE, timeline, T0, day(41)).status());
        timeline.add(at("pc2", 10, Verdict.PASS));
        Verification.Result r = Verification.status(PROOF, Status.A_FAIRE, timeline, T0, day(41));
        assertEquals(Status.VERIFIE, r.status());
        assertEquals(day(10), r.provenSince());
    }

    @Test
    void reportsBeforeTheMeasureStartDoNotCount() {
        List<DeviceReport> timeline = List.of(at("pc1", -40, Verdict.PASS), at("pc1", 0, Verdict.PASS), at("pc1", 20, Verdict.PASS));
        // since day 0: only 20 days proven
        assertEquals(Status.EN_COURS, Verification.status(PROOF, Status.EN_COURS, timeline, T0, day(21)).status());
        // since day −40: 60 days
        assertEquals(Status.VERIFIE, Verification.status(PROOF, Status.EN_COURS, timeline, day(-40), day(21)).status());
    }

    @Test
    void withoutProofTheDeclaredStatusStands() {
        assertEquals(Status.VERIFIE, Verification.status(null, Status.VERIFIE, List.of(), T0, day(1)).status());
    }
}
