package io.vigie.checks.plan;

import io.vigie.checks.referential.Answer;
import io.vigie.checks.referential.Question;
import io.vigie.checks.referential.Referential;
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

    // Scenario 1. P = C × (3 − v)/3 × X / Ef:
    //   4.2 « Non » v0, C5 Ef1 → 5 × 1 / 1 = 5
    //   1.1 « Non » v0, C4 Ef1 → 4
    //   9.1 « Non » v0, C5 Ef2 → 2.5
    //   10.2 « Parfois » v1.5, C4 Ef1 → 4 × 0.5 = 2
    //   12.4 (E) « Non » v0, C2 Ef1 → 2          tie with 10.2, same Ef → question id: 10.2 first
    //   9.2 « externe branché » v1, C5 Ef2 → 5 × 2/3 / 2 = 1.666…
    //   8.4 « perso » v0, C5 Ef3 → 5/3 = 1.666…  tie with 9.2 → lower Ef first: 9.2 then 8.4
    //   7.2 (E) v1.5, C4 Ef2 → 4 × 0.5 / 2 = 1, × X 1.5 (a device's SMB listens on the network) = 1.5
    //   15.4 v1.5, C2 Ef1 → 1
    //   5.2 v1.5, C5 Ef3 → 5 × 0.5 / 3 = 0.833…
    //   2.4 (E) v1.5, C3 Ef2 → 3 × 0.5 / 2 = 0.75
    static final String[] SCENARIO_1 = {"4.2", "a", "1.1", "a", "9.1", "a", "10.2", "b", "12.4", "a", "9.2", "b",
            "8.4", "a", "7.2", "b", "15.4", "b", "5.2", "b", "2.4", "b"};

    @Test
    void priorityOrderWorkedByHand() {
        ActionPlan p = plan(List.of(device("pc", "VIG-NET-001", Verdict.FAIL)), SCENARIO_1);
        assertEquals(List.of("4.2", "1.1", "9.1", "10.2", "12.4", "9.2", "8.4", "7.2", "15.4", "5.2", "2.4"), p.order());
        assertEquals(5.0, p.item("4.2").priority(), EPS);
        assertEquals(2.5, p.item("9.1").priority(), EPS);
        assertEquals(5.0 / 3, p.item("9.2").priority(), EPS);
        assertEquals(5.0 / 3, p.item("8.4").priority(), EPS);
        assertEquals(1.5, p.item("7.2").priority(), EPS);
        assertTrue(p.item("7.2").exposure());
        assertEquals(List.of("4.2", "1.1", "9.1", "10.2", "12.4", "9.2"), p.priorities());
        // niveau 1 for v ≤ 1, niveau 2 above
        assertEquals(1, p.item("9.2").level());
        assertEquals(2, p.item("10.2").level());
        // deadlines by rank among the six, status à faire, owner from the data
        assertEquals(List.of("M+1", "M+1", "M+3", "M+3", "M+6", "M+6"),
                p.priorities().stream().map(q -> p.item(q).deadline()).toList());
        assertNull(p.item("8.4").deadline());
        assertEquals(Status.A_FAIRE, p.item("4.2").status());
        assertEquals("dirigeant", p.item("4.2").owner());
        assertEquals(1, p.item("4.2").rank());
        assertEquals(11, p.item("2.4").rank());
        // the best answers emit nothing
        assertEquals(11, p.items().size());
    }

    @Test
    void withoutLiveExposureTheSameMeasureDrops() {
        // 7.2 without the listener: P = 1, tie with 15.4 (1, Ef1) → lower Ef first: 15.4 then 7.2
        ActionPlan p = plan(List.of(), SCENARIO_1);
        assertEquals(1.0, p.item("7.2").priority(), EPS);
        assertEquals(List.of("4.2", "1.1", "9.1", "10.2", "12.4", "9.2", "8.4", "15.4", "7.2", "5.2", "2.4"), p.order());
    }

    @Test
    void urgencesComeFirst() {
        // a device's last successful backup is older than 30 days: urgence no_recent_backup → 9.1 first (its P is only 2.5)
        ActionPlan p = plan(List.of(device("pc", "VIG-BAK-001", Verdict.PASS, "VIG-BAK-003", Verdict.FAIL)), SCENARIO_1);
        assertTrue(p.item("9.1").urgent());
        assertEquals(List.of("9.1", "4.2", "1.1", "10.2", "12.4", "9.2"), p.priorities());
    }

    // Scenario 2 (projects): 5.2 v0 C5 Ef3 → 5/3; 8.4 v0 C5 Ef3 → 5/3 (tie, same Ef → 5.2 first);
    //   11.3 v1.5 C2 Ef1 → 1; 7.4 (E) v0 C3 Ef3 → 1 (tie with 11.3 → lower Ef: 11.3 first);
    //   2.4 (E) v1.5 C3 Ef2 → 0.75; 14.3 v1.5 C3 Ef2 → 0.75 (tie → id: 2.4 first); 2.3 (E) v1.5 C2 Ef2 → 0.5
    static final String[] SCENARIO_2 = {"5.2", "a", "8.4", "a", "11.3", "b", "7.4", "a", "2.4", "b", "14.3", "b", "2.3", "c"};

    @Test
    void atMostTwoProjectsAmongTheSix() {
        ActionPlan p = plan(List.of(), SCENARIO_2);
        assertEquals(List.of("5.2", "8.4", "11.3", "7.4", "2.4", "14.3", "2.3"), p.order());
        // 7.4 would be the third project: skipped, the next ones move up
        assertEquals(List.of("5.2", "8.4", "11.3", "2.4", "14.3", "2.3"), p.priorities());
        assertNull(p.item("7.4").deadline());
        assertEquals(4, p.item("7.4").rank());
    }

    @Test
    void swapsAreLoggedAndLimitedToTwo() {
        ActionPlan p = plan(List.of(device("pc", "VIG-NET-001", Verdict.FAIL)), SCENARIO_1);
        Instant t = Instant.parse("2026-11-25T09:00:00Z");
        ActionPlan s1 = p.swap("12.4", "15.4", "Mme Martin (dirigeante)", t, "Contrat d'assurance à renouveler en décembre");
        assertEquals(List.of("4.2", "1.1", "9.1", "10.2", "15.4", "9.2"), s1.priorities());
        assertEquals("M+6", s1.item("15.4").deadline());
        assertNull(s1.item("12.4").deadline());
        ActionPlan s2 = s1.swap("9.2", "7.2", "Mme Martin (dirigeante)", t, "Le NAS est ouvert pour le comptable");
        assertEquals(2, s2.swaps().size());
        assertEquals(new Swap("9.2", "7.2", "Mme Martin (dirigeante)", t, "Le NAS est ouvert pour le comptable"), s2.swaps().get(1));
        IllegalStateException third = assertThrows(IllegalStateException.class,
                () -> s2.swap("10.2", "5.2", "Mme Martin (dirigeante)", t, "Une troisième"));
        assertTrue(third.getMessage().contains("at most 2"), third.getMessage());
        // the original plan is unchanged
        assertTrue(p.swaps().isEmpty());
        // a swap needs a reason
        assertThrows(IllegalArgumentException.class, () -> p.swap("12.4", "15.4", "Mme Martin", t, " "));
    }

    @Test
    void swapCannotBringAThirdProject() {
        ActionPlan p = plan(List.of(), SCENARIO_2);
        assertThrows(IllegalStateException.class,
                () -> p.swap("11.3", "7.4", "M. Durand", NOW, "Projet réseau déjà budgété"));
        // swapping a project for a project is fine
        ActionPlan ok = p.swap("8.4", "7.4", "M. Durand", NOW, "Pas de télétravail avant l'été");
        assertEquals(List.of("5.2", "7.4", "11.3", "2.4", "14.3", "2.3"), ok.priorities());
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
