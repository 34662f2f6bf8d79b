package io.vigie.checks.plan;

import io.vigie.checks.referential.Answer;
import io.vigie.checks.referential.Question;
import io.vigie.checks.referential.Referential;
import io.vigie.checks.report.Severity;
import io.vigie.checks.report.Verdict;
import io.vigie.checks.scoring.Assessment;
import io.vigie.checks.scoring.DeviceReport;
import io.vigie.checks.scoring.Scoring;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prioritisation worked by hand on the shipped referential and recommendations. Every answer is the best one except
 * those listed; C and Ef come from recommendations.json (quoted in the comments).
 */
class ActionPlanTest {

    static final double EPS = 1e-9;
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final Referential REF = Referential.builtin();
    static final Recommendations RECS = Recommendations.builtin();

    /** All questions at their best answer (owner for D, expert for E), then {@code low} overrides (question, answer id). */
    static ActionPlan plan(List<DeviceReport> devices, String... low) {
        Map<String, String> declared = new HashMap<>();
        Map<String, String> observed = new HashMap<>();
        for (Question q : REF.questions()) {
            String best = q.answers().stream().max(Comparator.comparingDouble(Answer::value)).orElseThrow().id();
            (q.audience() == Question.Audience.D ? declared : observed).put(q.id(), best);
        }
        for (int i = 0; i < low.length; i += 2) {
            Question q = REF.question(low[i]).orElseThrow();
            (q.audience() == Question.Audience.D ? declared : observed).put(low[i], low[i + 1]);
        }
        Assessment a = new Assessment(Map.of("C2", "1"), declared, observed, Map.of(), devices, NOW);
        return ActionPlan.build(REF, RECS, Scoring.score(REF, a));
    }

    static DeviceReport device(String id, Object... ruleVerdicts) {
        Map<String, Verdict> v = new HashMap<>();
        for (int i = 0; i < ruleVerdicts.length; i += 2) {
            v.put((String) ruleVerdicts[i], (Verdict) ruleVerdicts[i + 1]);
        }
        return new DeviceReport(id, NOW.minus(Duration.ofDays(1)), v);
    }

    // Scenario 1. Issue 16 §2 replaced P = C × (3 − v)/3 × X / Ef (which put 4.2 and 1.1 before 9.1 « no backup »,
    // ignoring severity) by the risk model (risk.json): risk = S × extent × W × X, extent = (3 − v)/3 for an answer,
    // S from answerSeverity (critical 4: 5.1 7.2 8.2 9.1 9.2; high 3: 3.1 4.2 … 10.2 13.1; else medium 2):
    //   9.1 « Non » v0, critical, W3 → 4 × 1 × 3 = 12
    //   4.2 « Non » v0, high, W3 → 3 × 1 × 3 = 9
    //   7.2 (E) v1.5, critical, W3 → 4 × 0.5 × 3 = 6, × X 1.5 (a device's SMB listens on the network) = 9
    //        tie with 4.2 → lower Ef first: 4.2 (Ef1) then 7.2 (Ef2)
    //   9.2 « externe branché » v1, critical, W3 → 4 × 2/3 × 3 = 8
    //   10.2 « Parfois » v1.5, high, W3 → 3 × 0.5 × 3 = 4.5
    //   5.2 v1.5, high, W3 → 4.5             tie with 10.2 → lower Ef: 10.2 (Ef1) then 5.2 (Ef3)
    //   1.1 « Non » v0, medium, W2 → 2 × 1 × 2 = 4
    //   12.4 (E) « Non » v0, medium, W1 → 2
    //   2.4 (E) v1.5, medium, W2 → 2 × 0.5 × 2 = 2
    //   8.4 « perso » v0, medium, W1 → 2     ties at 2 → Ef: 12.4 (1), 2.4 (2), 8.4 (3)
    //   15.4 v1.5, medium, W1 → 1
    static final String[] SCENARIO_1 = {"4.2", "a", "1.1", "a", "9.1", "a", "10.2", "b", "12.4", "a", "9.2", "b",
            "8.4", "a", "7.2", "b", "15.4", "b", "5.2", "b", "2.4", "b"};

    @Test
    void priorityOrderWorkedByHand() {
        ActionPlan p = plan(List.of(device("pc", "VIG-NET-001", Verdict.FAIL)), SCENARIO_1);
        assertEquals(List.of("9.1", "4.2", "7.2", "9.2", "10.2", "5.2", "1.1", "12.4", "2.4", "8.4", "15.4"), p.order());
        assertEquals(12.0, p.item("9.1").priority(), EPS);
        assertEquals(9.0, p.item("4.2").priority(), EPS);
        assertEquals(8.0, p.item("9.2").priority(), EPS);
        assertEquals(2.0, p.item("8.4").priority(), EPS);
        assertEquals(9.0, p.item("7.2").priority(), EPS);
        assertTrue(p.item("7.2").exposure());
        assertEquals(List.of("9.1", "4.2", "7.2", "9.2", "10.2", "5.2"), p.priorities());
        // niveau 1 for v ≤ 1, niveau 2 above
        assertEquals(1, p.item("9.2").level());
        assertEquals(2, p.item("10.2").level());
        // deadlines by rank among the six, status à faire, owner from the data
        assertEquals(List.of("M+1", "M+1", "M+3", "M+3", "M+6", "M+6"),
                p.priorities().stream().map(q -> p.item(q).deadline()).toList());
        assertNull(p.item("8.4").deadline());
        assertEquals(Status.A_FAIRE, p.item("4.2").status());
        assertEquals("dirigeant", p.item("4.2").owner());
        assertEquals(2, p.item("4.2").rank());
        assertEquals(9, p.item("2.4").rank());
        // the best answers emit nothing
        assertEquals(11, p.items().size());
    }

    @Test
    void withoutLiveExposureTheSameMeasureDrops() {
        // 7.2 without the listener: 6, after 9.2 (8)
        ActionPlan p = plan(List.of(), SCENARIO_1);
        assertEquals(6.0, p.item("7.2").priority(), EPS);
        assertEquals(List.of("9.1", "4.2", "9.2", "7.2", "10.2", "5.2", "1.1", "12.4", "2.4", "8.4", "15.4"), p.order());
    }

    /** Four computers, one of which has had no successful backup for more than 30 days (VIG-BAK-003 FAIL). */
    static List<DeviceReport> oneStaleBackup(Severity severity) {
        List<DeviceReport> d = new ArrayList<>();
        d.add(new DeviceReport("pc1", NOW.minus(Duration.ofDays(1)),
                Map.of("VIG-BAK-001", Verdict.PASS, "VIG-BAK-003", Verdict.FAIL), Map.of("VIG-BAK-003", severity)));
        for (String id : List.of("pc2", "pc3", "pc4")) {
            d.add(device(id, "VIG-BAK-001", Verdict.PASS, "VIG-BAK-003", Verdict.PASS));
        }
        return d;
    }

    @Test
    void urgencesComeFirst() {
        // pc1's FAIL is rated high: urgence no_recent_backup → 9.1 first although its risk is only
        // 3 (high) × 1/4 (one device of four) × 3 = 2.25 (measured r = 3/4 → v = 1 replaces the owner's « Non »)
        ActionPlan p = plan(oneStaleBackup(Severity.HIGH), SCENARIO_1);
        assertTrue(p.item("9.1").urgent());
        assertEquals(2.25, p.item("9.1").priority(), EPS);
        assertEquals(List.of("9.1", "4.2", "9.2", "7.2", "10.2", "5.2"), p.priorities());
    }

    @Test
    void aLowFailRaisesNoUrgenceAndRanksByItsRisk() {
        // the same FAIL rated low by the agent: no urgence; risk 1 × 1/4 × 3 = 0.75, after 15.4 (1)
        ActionPlan p = plan(oneStaleBackup(Severity.LOW), SCENARIO_1);
        assertFalse(p.item("9.1").urgent());
        assertEquals(0.75, p.item("9.1").priority(), EPS);
        assertEquals("9.1", p.order().get(p.order().size() - 1));
    }

    // Scenario 2 (projects), risk = S × (3 − v)/3 × W:
    //   5.2 v0 high W3 → 9
    //   2.4 (E) v1.5 medium W2 → 2; 14.3 v1.5 medium W2 → 2; 7.4 (E) v0 medium W1 → 2; 8.4 v0 medium W1 → 2
    //        ties → Ef: 2.4, 14.3 (Ef2, by id), then 7.4, 8.4 (Ef3, by id)
    //   11.3 v1.5 medium W1 → 1; 2.3 (E) v1.5 medium W1 → 1 → Ef: 11.3 (1) then 2.3 (2)
    static final String[] SCENARIO_2 = {"5.2", "a", "8.4", "a", "11.3", "b", "7.4", "a", "2.4", "b", "14.3", "b", "2.3", "c"};

    @Test
    void atMostTwoProjectsAmongTheSix() {
        ActionPlan p = plan(List.of(), SCENARIO_2);
        assertEquals(List.of("5.2", "2.4", "14.3", "7.4", "8.4", "11.3", "2.3"), p.order());
        // 8.4 would be the third project (after 5.2 and 7.4): skipped, the next ones move up
        assertEquals(List.of("5.2", "2.4", "14.3", "7.4", "11.3", "2.3"), p.priorities());
        assertNull(p.item("8.4").deadline());
        assertEquals(5, p.item("8.4").rank());
    }

    @Test
    void swapsAreLoggedAndLimitedToTwo() {
        ActionPlan p = plan(List.of(device("pc", "VIG-NET-001", Verdict.FAIL)), SCENARIO_1);
        Instant t = Instant.parse("2026-11-25T09:00:00Z");
        ActionPlan s1 = p.swap("5.2", "15.4", "Mme Martin (dirigeante)", t, "Contrat d'assurance à renouveler en décembre");
        assertEquals(List.of("9.1", "4.2", "7.2", "9.2", "10.2", "15.4"), s1.priorities());
        assertEquals("M+6", s1.item("15.4").deadline());
        assertNull(s1.item("5.2").deadline());
        ActionPlan s2 = s1.swap("9.2", "1.1", "Mme Martin (dirigeante)", t, "La copie hors ligne attendra le nouveau NAS");
        assertEquals(2, s2.swaps().size());
        assertEquals(new Swap("9.2", "1.1", "Mme Martin (dirigeante)", t, "La copie hors ligne attendra le nouveau NAS"), s2.swaps().get(1));
        IllegalStateException third = assertThrows(IllegalStateException.class,
                () -> s2.swap("10.2", "5.2", "Mme Martin (dirigeante)", t, "Une troisième"));
        assertTrue(third.getMessage().contains("at most 2"), third.getMessage());
        // the original plan is unchanged
        assertTrue(p.swaps().isEmpty());
        // a swap needs a reason
        assertThrows(IllegalArgumentException.class, () -> p.swap("5.2", "15.4", "Mme Martin", t, " "));
    }

    @Test
    void swapCannotBringAThirdProject() {
        ActionPlan p = plan(List.of(), SCENARIO_2);
        assertThrows(IllegalStateException.class,
                () -> p.swap("11.3", "8.4", "M. Durand", NOW, "Matériel de télétravail déjà budgété"));
        // swapping a project for a project is fine
        ActionPlan ok = p.swap("7.4", "8.4", "M. Durand", NOW, "Pas de nouveau réseau avant l'été");
        assertEquals(List.of("5.2", "2.4", "14.3", "8.4", "11.3", "2.3"), ok.priorities());
    }

    @Test
    void ownerAndStatusCanBeSet() {
        ActionPlan p = plan(List.of(), SCENARIO_2).update("11.3", "prestataire", Status.EN_COURS);
        assertEquals("prestataire", p.item("11.3").owner());
        assertEquals(Status.EN_COURS, p.item("11.3").status());
    }

    @Test
    void everyMeasureHasItsRecommendation() {
        // the worst answer everywhere yields a measure per applicable question
        List<String> low = new ArrayList<>();
        for (Question q : REF.questions()) {
            low.add(q.id());
            low.add(q.answers().stream().min(Comparator.comparingDouble(Answer::value)).orElseThrow().id());
        }
        ActionPlan p = plan(List.of(), low.toArray(String[]::new));
        assertEquals(62, p.items().size());
        assertEquals(6, p.priorities().size());
        assertTrue(p.priorities().stream().filter(q -> p.item(q).effort() == 3).count() <= 2);
    }
}
