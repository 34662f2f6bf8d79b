package io.vigie.checks.scoring;

import io.vigie.checks.referential.Referential;
import io.vigie.checks.report.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.vigie.checks.report.Verdict.FAIL;
import static io.vigie.checks.report.Verdict.NOT_APPLICABLE;
import static io.vigie.checks.report.Verdict.PASS;
import static io.vigie.checks.report.Verdict.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Worked examples of referential.md §5. Every expected number is computed by hand in the comment next to it,
 * never by the code under test. The theme examples use the shipped referential; the global-grade examples use a
 * three-theme test referential ({@code scoring/mini-referential.json}) so that G stays a hand computation.
 */
class ScoringWorkedExamplesTest {

    static final double EPS = 1e-9;
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final Referential REF = Referential.builtin();
    static final Referential MINI = Referential.load(ScoringWorkedExamplesTest.class.getResourceAsStream("/scoring/mini-referential.json"));

    /** Builds an assessment step by step. */
    static final class A {
        final Map<String, String> context = new HashMap<>();
        final Map<String, String> declared = new HashMap<>();
        final Map<String, String> observed = new HashMap<>();
        final Map<String, SignOff> signOffs = new HashMap<>();
        final List<DeviceReport> devices = new ArrayList<>();

        A ctx(String k, String v) { context.put(k, v); return this; }
        A d(String q, String a) { declared.put(q, a); return this; }
        A e(String q, String a) { observed.put(q, a); return this; }
        A sign(String q, SignOff s) { signOffs.put(q, s); return this; }
        A device(String id, Duration age, Object... ruleVerdicts) {
            Map<String, Verdict> v = new LinkedHashMap<>();
            for (int i = 0; i < ruleVerdicts.length; i += 2) {
                v.put((String) ruleVerdicts[i], (Verdict) ruleVerdicts[i + 1]);
            }
            devices.add(new DeviceReport(id, NOW.minus(age), v));
            return this;
        }
        Assessment build() { return new Assessment(context, declared, observed, signOffs, devices, NOW); }
        ScoreResult score(Referential r) { return Scoring.score(r, build()); }
    }

    static Duration days(long n) {
        return Duration.ofDays(n);
    }

    @Test
    void simpleTheme() {
        // T09 (9.1 w3, 9.2 w3, 9.3 w3, 9.4 w2). Owner: 9.1 Auto = 3, 9.2 external disk plugged in = 1,
        // 9.3 once = 1.5; expert observes 9.4 everything + protected = 3. No device reports: 9.1 stays declared.
        ScoreResult s = new A().d("9.1", "c").d("9.2", "b").d("9.3", "b").e("9.4", "c").score(REF);
        // S = 5/3 × (3·3 + 3·1 + 3·1.5 + 2·3) / (3+3+3+2) = 5/3 × 22.5/11 = 112.5/33 = 3.409090…
        ThemeScore t = s.grades().theme("T09");
        assertEquals(112.5 / 33, t.grade(), EPS);
        // confidence: only 9.4 (w2) is resolved by the expert: 2/11
        assertEquals(2.0 / 11, t.confidence(), EPS);
        assertEquals(Source.DECLARED, s.question("9.1").source());
        assertEquals(Source.OBSERVED, s.question("9.4").source());
    }

    @Test
    void dontKnowCountsZeroAndIsFlagged() {
        // same as above but 9.2 « je ne sais pas »: 0
        ScoreResult s = new A().d("9.1", "c").d("9.2", "nsp").d("9.3", "b").e("9.4", "c").score(REF);
        // S = 5/3 × (9 + 0 + 4.5 + 6)/11 = 5/3 × 19.5/11 = 97.5/33 = 2.954545…
        assertEquals(97.5 / 33, s.grades().theme("T09").grade(), EPS);
        assertTrue(s.question("9.2").toVerify());
        assertEquals(0.0, s.question("9.2").value());
        assertFalse(s.question("9.1").toVerify());
    }

    @Test
    void notConcernedQuestionLeavesTheTheme() {
        // 9.3 « non concerné »: out of both sums
        ScoreResult s = new A().d("9.1", "c").d("9.2", "b").d("9.3", "nc").e("9.4", "c").score(REF);
        // S = 5/3 × (9 + 3 + 6)/(3 + 3 + 2) = 5/3 × 18/8 = 90/24 = 3.75
        assertEquals(3.75, s.grades().theme("T09").grade(), EPS);
        assertTrue(s.question("9.3").excluded());
        assertNull(s.question("9.3").value());
    }

    @Test
    void unansweredQuestionCountsZeroToVerify() {
        // 9.4 neither observed nor declared: counts 0, à vérifier
        ScoreResult s = new A().d("9.1", "c").d("9.2", "b").d("9.3", "b").score(REF);
        // S = 5/3 × (9 + 3 + 4.5 + 0)/11 = 5/3 × 16.5/11 = 82.5/33 = 2.5
        assertEquals(2.5, s.grades().theme("T09").grade(), EPS);
        assertTrue(s.question("9.4").toVerify());
        assertNull(s.question("9.4").source());
    }

    @Test
    void wholeThemeNotConcernedByContext() {
        // no remote access at all (C5 = no): every T08 question is « non concerné », the theme is not graded
        ScoreResult s = new A().ctx("C5", "no").d("8.1", "a").d("8.3", "a").score(REF);
        ThemeScore t = s.grades().theme("T08");
        assertFalse(t.applicable());
        assertNull(t.grade());
        assertFalse(s.question("8.1").applicable());
        assertTrue(s.question("8.1").excluded());
        // T08 is socle, yet a non-applicable theme does not trigger the guard rule
        assertFalse(s.grades().cappedBy().contains("T08"));
    }

    @Test
    void wholeThemeNotConcernedByAnswers() {
        // mini referential: T03 has one question, answered « non concerné »
        ScoreResult s = new A().ctx("C6", "yes").d("3.1", "nc").score(MINI);
        assertFalse(s.grades().theme("T03").applicable());
    }

    @Test
    void guardRuleCapsAHighGradeAtMoyen() {
        // T01 (socle): 1.1 = 0 (w3, no devices: declared), 1.2 = 3 (w1): S = 5/3 × (0 + 3)/4 = 5/3 × 0.75 = 1.25
        // T02: 2.1 = 3 (w2), 2.2 observed 3 (w1; C5 yes): S = 5/3 × 9/3 = 5
        // T03: 3.1 = 3 (C6 yes): S = 5
        // G = (1.25 + 5 + 5)/3 = 11.25/3 = 3.75 ≥ 3.5 → satisfaisant, but T01 (socle) 1.25 < 1.5 → moyen
        ScoreResult s = new A().ctx("C5", "yes").ctx("C6", "yes")
                .d("1.1", "a").d("1.2", "c").d("2.1", "c").e("2.2", "c").d("3.1", "c").score(MINI);
        assertEquals(1.25, s.grades().theme("T01").grade(), EPS);
        assertEquals(5.0, s.grades().theme("T02").grade(), EPS);
        assertEquals(3.75, s.grades().global(), EPS);
        assertEquals(Level.MOYEN, s.grades().level());
        assertTrue(s.grades().capped());
        assertEquals(List.of("T01"), s.grades().cappedBy());
    }

    @Test
    void withoutAWeakSocleThemeTheSameDiagnosticIsSatisfaisant() {
        // 1.1 = 1 instead of 0: T01 = 5/3 × (3·1 + 1·3)/4 = 5/3 × 1.5 = 2.5; G = (2.5 + 5 + 5)/3 = 12.5/3 = 4.1666…
        ScoreResult s = new A().ctx("C5", "yes").ctx("C6", "yes")
                .d("1.1", "b").d("1.2", "c").d("2.1", "c").e("2.2", "c").d("3.1", "c").score(MINI);
        assertEquals(12.5 / 3, s.grades().global(), EPS);
        assertEquals(Level.SATISFAISANT, s.grades().level());
        assertFalse(s.grades().capped());
    }

    @Test
    void levelThresholds() {
        // T01: 1.1 = 1, 1.2 = 0 → 5/3 × 3/4 = 1.25; T02: 2.1 = 1.5, 2.2 = 1.5 → 5/3 × 4.5/3 = 2.5; T03 not applicable
        // G = (1.25 + 2.5)/2 = 1.875 < 2.0 → faible
        ScoreResult s = new A().ctx("C5", "yes").ctx("C6", "no")
                .d("1.1", "b").d("1.2", "a").d("2.1", "b").e("2.2", "b").score(MINI);
        assertEquals(1.875, s.grades().global(), EPS);
        assertEquals(Level.FAIBLE, s.grades().level());
        // T02: 2.1 = 3, 2.2 = 0 → 5/3 × 6/3 = 3.333…; G = (1.25 + 3.333…)/2 = 2.291666… → moyen (not capped: it was not higher)
        ScoreResult m = new A().ctx("C5", "yes").ctx("C6", "no")
                .d("1.1", "b").d("1.2", "a").d("2.1", "c").e("2.2", "a").score(MINI);
        assertEquals((1.25 + 5.0 / 3 * 2) / 2, m.grades().global(), EPS);
        assertEquals(Level.MOYEN, m.grades().level());
        assertFalse(m.grades().capped());
        assertEquals(List.of("T01"), m.grades().cappedBy());
    }

    @Test
    void shareOfCompliantDevicesGivesTheMeasuredAnswer() {
        // 10 computers declared, 10 report. 7 PASS both rules, 2 FAIL VIG-UPD-002, 1 only UNKNOWN/NOT_APPLICABLE.
        // r = 7/(7+2) = 0.777… → ≥ 0.6 → M = 2; c = 10/10 = 1 → no cap
        A a = new A().ctx("C2", "10").d("1.1", "d");
        for (int i = 0; i < 7; i++) {
            a.device("ok" + i, days(1), "VIG-UPD-001", PASS, "VIG-UPD-002", PASS);
        }
        a.device("ko1", days(1), "VIG-UPD-001", PASS, "VIG-UPD-002", FAIL);
        a.device("ko2", days(1), "VIG-UPD-001", PASS, "VIG-UPD-002", FAIL);
        a.device("unk", days(1), "VIG-UPD-001", UNKNOWN, "VIG-UPD-002", NOT_APPLICABLE);
        QuestionResult q = a.score(MINI).question("1.1");
        Measured m = q.measured();
        assertEquals(7.0 / 9, m.share(), EPS);
        assertEquals(9, m.counted());
        assertEquals(10, m.reporting());
        assertEquals(1.0, m.coverage(), EPS);
        assertEquals(2.0, m.value());
        assertFalse(m.capped());
        // technical question: the fact wins over the owner's 3
        assertEquals(2.0, q.value());
        assertEquals(Source.MEASURED, q.source());
    }

    @Test
    void lowCoverageCapsTheMeasuredAnswer() {
        // 8 computers + 2 servers declared = 10; only 5 report, all compliant: r = 1 → 3, but c = 5/10 = 0.5 < 0.8 → M = 1.5
        A a = new A().ctx("C2", "8").ctx("C3", "2").d("1.2", "c");
        for (int i = 0; i < 5; i++) {
            a.device("d" + i, days(1), "VIG-UPD-001", PASS, "VIG-UPD-002", PASS);
        }
        ScoreResult s = a.score(MINI);
        Measured m = s.question("1.1").measured();
        assertEquals(0.5, m.coverage(), EPS);
        assertEquals(1.5, m.value());
        assertTrue(m.capped());
        // T01 = 5/3 × (3·1.5 + 1·3)/4 = 5/3 × 7.5/4 = 37.5/12 = 3.125
        assertEquals(3.125, s.grades().theme("T01").grade(), EPS);
        // 8 of 10 report: c = 0.8, not below the limit → M = 3
        A b = new A().ctx("C2", "8").ctx("C3", "2");
        for (int i = 0; i < 8; i++) {
            b.device("d" + i, days(1), "VIG-UPD-001", PASS, "VIG-UPD-002", PASS);
        }
        Measured full = b.score(MINI).question("1.1").measured();
        assertEquals(3.0, full.value());
        assertFalse(full.capped());
    }

    @Test
    void unknownDeviceCountCapsToo() {
        // no device count in the context: coverage unknown, so M (3) is capped at 1.5
        Measured m = new A().device("d", days(1), "VIG-UPD-001", PASS).score(MINI).question("1.1").measured();
        assertNull(m.coverage());
        assertEquals(1.5, m.value());
    }

    @Test
    void staleFactsCountFlaggedAndIgnoredFactsDoNot() {
        // d1: 2 days old PASS (its older FAIL report, 3 days before, is superseded);
        // d2: 10 days old FAIL → stale (> 7 d) but used; d3: 40 days old PASS → ignored (> 30 d).
        // reporting = d1, d2 = 2; C2 = 2 → c = 1. r = 1/2 = 0.5 → < 0.6 → M = 1.
        // (were d3 counted, r = 2/3 ≥ 0.6 → M = 2)
        ScoreResult s = new A().ctx("C2", "2").d("1.2", "a")
                .device("d1", days(5), "VIG-UPD-001", FAIL)
                .device("d1", days(2), "VIG-UPD-001", PASS)
                .device("d2", days(10), "VIG-UPD-001", FAIL)
                .device("d3", days(40), "VIG-UPD-001", PASS)
                .score(MINI);
        Measured m = s.question("1.1").measured();
        assertEquals(2, m.counted());
        assertEquals(2, m.reporting());
        assertEquals(0.5, m.share(), EPS);
        assertEquals(1.0, m.value());
        assertTrue(m.stale());
        assertEquals(List.of("d2"), m.staleDevices());
        // confidence T01: 1.1 measured but stale → 3 × 0.5 = 1.5; 1.2 declared → 0; ÷ 4 = 0.375
        assertEquals(0.375, s.grades().theme("T01").confidence(), EPS);
    }

    @Test
    void onlyIgnoredFactsGiveNoMeasuredAnswer() {
        QuestionResult q = new A().ctx("C2", "1").d("1.1", "c").device("old", days(31), "VIG-UPD-001", PASS)
                .score(MINI).question("1.1");
        assertNull(q.measured());
        assertEquals(2.0, q.value());
        assertEquals(Source.DECLARED, q.source());
    }

    @Test
    void optimisticConflict() {
        // owner says 3 (« toujours »); 4 devices, 2 FAIL → r = 0.5 → M = 1. D − M = 2 ≥ 1.5 → optimiste; M is kept.
        ScoreResult s = new A().ctx("C2", "4").d("1.1", "d")
                .device("a", days(1), "VIG-UPD-001", PASS).device("b", days(1), "VIG-UPD-001", PASS)
                .device("c", days(1), "VIG-UPD-001", FAIL).device("d", days(1), "VIG-UPD-001", FAIL)
                .score(MINI);
        QuestionResult q = s.question("1.1");
        assertEquals(Conflict.OPTIMISTE, q.conflict());
        assertEquals(3.0, q.declared());
        assertEquals(1.0, q.value());
    }

    @Test
    void pessimisticConflictResolvedForTheEvidence() {
        // owner says 0; all 2 devices PASS, c = 1 → M = 3. D − M = −3 → pessimiste; the final answer is 3.
        QuestionResult q = new A().ctx("C2", "2").d("1.1", "a")
                .device("a", days(1), "VIG-UPD-001", PASS).device("b", days(1), "VIG-UPD-001", PASS)
                .score(MINI).question("1.1");
        assertEquals(Conflict.PESSIMISTE, q.conflict());
        assertEquals(3.0, q.value());
    }

    @Test
    void conflictWithTheExpertOnAnOrganisationalQuestion() {
        // 2.1: owner 1.5, expert 0 → gap exactly 1.5 → optimiste; expert wins (E > D)
        QuestionResult q = new A().d("2.1", "b").e("2.1", "a").score(MINI).question("2.1");
        assertEquals(Conflict.OPTIMISTE, q.conflict());
        assertEquals(0.0, q.value());
        assertEquals(Source.OBSERVED, q.source());
        // owner 1.5, expert 3 → gap 1.5 the other way → pessimiste; owner 3 vs expert 1.5 → 1.5 → optimiste;
        // « je ne sais pas » is not a declaration: no conflict
        assertEquals(Conflict.PESSIMISTE, new A().d("2.1", "b").e("2.1", "c").score(MINI).question("2.1").conflict());
        assertNull(new A().d("2.1", "nsp").e("2.1", "c").score(MINI).question("2.1").conflict());
    }

    private A measuredOne() {
        // 4 devices, 2 FAIL: r = 0.5 → M = 1 on 1.1
        return new A().ctx("C2", "4").d("1.1", "d")
                .device("a", days(1), "VIG-UPD-001", PASS).device("b", days(1), "VIG-UPD-001", PASS)
                .device("c", days(1), "VIG-UPD-001", FAIL).device("d", days(1), "VIG-UPD-001", FAIL);
    }

    @Test
    void overrideWithoutReasonIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> measuredOne().sign("1.1", SignOff.answer("d")).score(MINI));
        assertTrue(e.getMessage().contains("1.1"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> measuredOne().sign("1.1", SignOff.override("d", "   ")).score(MINI));
        // « non concerné » over a measured answer is an override too
        assertThrows(IllegalArgumentException.class,
                () -> measuredOne().sign("1.1", SignOff.answer("nc")).score(MINI));
    }

    @Test
    void overrideWithReasonIsTheFinalAnswer() {
        ScoreResult s = measuredOne().sign("1.1", SignOff.override("d", "Les deux postes en échec sont au rebut")).score(MINI);
        QuestionResult q = s.question("1.1");
        assertEquals(3.0, q.value());
        assertTrue(q.overridden());
        assertTrue(q.signedOff());
        assertEquals(Source.OBSERVED, q.source());
        assertEquals("Les deux postes en échec sont au rebut", q.overrideReason());
    }

    @Test
    void acceptingOrConfirmingTheMeasureNeedsNoReason() {
        QuestionResult accepted = measuredOne().sign("1.1", SignOff.accept()).score(MINI).question("1.1");
        assertEquals(1.0, accepted.value());
        assertFalse(accepted.overridden());
        assertEquals(Source.MEASURED, accepted.source());
        // answer b has the measured value 1
        QuestionResult same = measuredOne().sign("1.1", SignOff.answer("b")).score(MINI).question("1.1");
        assertFalse(same.overridden());
        assertEquals(1.0, same.value());
    }

    @Test
    void signOffWithoutMeasureNeedsNoReason() {
        QuestionResult q = new A().d("1.2", "c").sign("1.2", SignOff.answer("b")).score(MINI).question("1.2");
        assertEquals(1.5, q.value());
        assertFalse(q.overridden());
        assertEquals(Source.OBSERVED, q.source());
    }

    @Test
    void unknownAnswerIdIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new A().d("1.2", "z").score(MINI));
    }

    @Test
    void declarativeScoreUsesOwnerAnswersToOwnerQuestionsOnly() {
        // Owner: 1.1 = 3, 1.2 = 1.5, 2.1 = 3, 3.1 « non concerné ». Expert: 2.2 = 0 (E question). Devices: 2 of 4 FAIL → M(1.1) = 1.
        ScoreResult s = new A().ctx("C2", "4").ctx("C5", "yes").ctx("C6", "yes")
                .d("1.1", "d").d("1.2", "b").d("2.1", "c").d("3.1", "nc").e("2.2", "a")
                .device("a", days(1), "VIG-UPD-001", PASS).device("b", days(1), "VIG-UPD-001", PASS)
                .device("c", days(1), "VIG-UPD-001", FAIL).device("d", days(1), "VIG-UPD-001", FAIL)
                .score(MINI);
        // Declarative: T01 = 5/3 × (3·3 + 1·1.5)/4 = 5/3 × 10.5/4 = 52.5/12 = 4.375; T02 = 2.1 only = 5/3 × 3 = 5;
        // T03 not applicable. G = (4.375 + 5)/2 = 4.6875 → satisfaisant
        Grades d = s.declarative();
        assertEquals(4.375, d.theme("T01").grade(), EPS);
        assertEquals(5.0, d.theme("T02").grade(), EPS);
        assertFalse(d.theme("T03").applicable());
        assertEquals(4.6875, d.global(), EPS);
        assertEquals(Level.SATISFAISANT, d.level());
        // Full: T01 = 5/3 × (3·1 + 1·1.5)/4 = 5/3 × 4.5/4 = 22.5/12 = 1.875;
        // T02 = 5/3 × (2·3 + 1·0)/3 = 10/3 = 3.333…; G = (1.875 + 3.333…)/2 = 2.6041666… → moyen
        assertEquals(1.875, s.grades().theme("T01").grade(), EPS);
        assertEquals(10.0 / 3, s.grades().theme("T02").grade(), EPS);
        assertEquals((1.875 + 10.0 / 3) / 2, s.grades().global(), EPS);
        assertEquals(Level.MOYEN, s.grades().level());
    }

    @Test
    void aNetworkListenerAloneIsNotInternetExposure() {
        // RDP and SMB listen on the network: a signal « accessible depuis le réseau », no urgence
        ScoreResult s = new A().device("pc1", days(1), "VIG-RMT-002", FAIL, "VIG-NET-001", FAIL).score(REF);
        assertTrue(s.urgences().stream().noneMatch(u -> u.id().equals("internet_exposure")));
        assertEquals(List.of(new Signal("network_reachable", List.of("pc1"))), s.signals());
        // the listener still raises the priority factor of 8.2 (live exposure) — see the plan
        assertTrue(s.question("8.2").liveExposure());
        // 8.2's measure only says « nothing listens » (r = 1 → 3); with a listener it cannot decide
        assertNull(s.question("8.2").measured().value());
    }

    @Test
    void internetExposureComesFromTheExpert() {
        // the expert saw RDP reachable from the internet (8.2 « Oui » = 0)
        ScoreResult s = new A().e("8.2", "a").score(REF);
        Urgence u = s.urgences().stream().filter(x -> x.id().equals("internet_exposure")).findFirst().orElseThrow();
        assertEquals(List.of("8.2"), u.observedIn());
        assertTrue(u.devices().isEmpty());
        // « je ne sais pas » is no observation
        assertTrue(new A().e("8.2", "nsp").score(REF).urgences().isEmpty());
    }

    @Test
    void backupAntivirusEndOfLifeFromVerdicts() {
        ScoreResult s = new A()
                .device("pc1", days(1), "VIG-OS-001", FAIL, "VIG-AV-001", PASS, "VIG-BAK-001", PASS, "VIG-BAK-003", PASS)
                .device("pc2", days(1), "VIG-OS-001", PASS, "VIG-AV-001", FAIL, "VIG-BAK-001", PASS, "VIG-BAK-003", FAIL)
                .device("pc3", days(9), "VIG-BAK-001", FAIL)              // stale, still used
                .device("pc4", days(45), "VIG-AV-001", FAIL)              // ignored
                .score(REF);
        Map<String, Urgence> byId = new HashMap<>();
        s.urgences().forEach(u -> byId.put(u.id(), u));
        assertEquals(List.of("pc1"), byId.get("end_of_life_os").devices());
        assertEquals(List.of("pc2"), byId.get("antivirus_off").devices());
        assertEquals(List.of("pc2", "pc3"), byId.get("no_recent_backup").devices());
        assertFalse(byId.get("no_recent_backup").stale()); // pc2 is fresh
        assertEquals(List.of("9.1"), byId.get("no_recent_backup").questions());
        assertEquals(3, s.urgences().size());
    }

    @Test
    void urgenceFromStaleReportsOnlyIsFlagged() {
        Urgence u = new A().device("pc3", days(9), "VIG-BAK-001", FAIL).score(REF).urgences().get(0);
        assertEquals("no_recent_backup", u.id());
        assertTrue(u.stale());
    }

    @Test
    void urgenceWhateverTheGrade() {
        // a perfect T01/T02/T03 diagnostic still carries the backup urgence
        ScoreResult s = new A().ctx("C2", "1").ctx("C5", "yes").ctx("C6", "yes")
                .d("1.1", "d").d("1.2", "c").d("2.1", "c").e("2.2", "c").d("3.1", "c")
                .device("pc", days(1), "VIG-UPD-001", PASS, "VIG-BAK-001", FAIL).score(MINI);
        assertEquals(Level.SATISFAISANT, s.grades().level());
        assertEquals("no_recent_backup", s.urgences().get(0).id());
    }

    @Test
    void expertObservationsRaiseTheOtherUrgences() {
        // antivirus off seen by the expert (6.1 = 0), end-of-life system in use (5.2 « Oui » = 0)
        ScoreResult s = new A().e("6.1", "a").sign("5.2", SignOff.answer("a")).score(REF);
        List<String> ids = s.urgences().stream().map(Urgence::id).toList();
        assertEquals(List.of("antivirus_off", "end_of_life_os"), ids);
        assertNotNull(s.urgences().get(1).observedIn());
    }
}
