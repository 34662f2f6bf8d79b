package io.vigie.checks.plan;

import io.vigie.checks.referential.Answer;
import io.vigie.checks.referential.Question;
import io.vigie.checks.referential.Referential;
import io.vigie.checks.report.Severity;
import io.vigie.checks.report.Verdict;
import io.vigie.checks.scoring.Assessment;
import io.vigie.checks.scoring.DeviceReport;
import io.vigie.checks.scoring.RiskModel;
import io.vigie.checks.scoring.ScoreResult;
import io.vigie.checks.scoring.Scoring;
import io.vigie.checks.text.Lang;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16 §2: urgences, the plan's order and the owner's « par où commencer » come from one risk model
 * ({@link RiskModel}, risk.json). Figures worked by hand: risk = S × extent × W × X with S critical 4, high 3,
 * medium 2, low 1; extent = share of devices failing (measured) or (best − v)/best (answer), × 0.3 when unknown.
 */
class RiskOrderWorkedExamplesTest {

    static final double EPS = 1e-9;
    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    static final Referential REF = Referential.builtin();
    static final Recommendations RECS = Recommendations.builtin();
    static final RiskModel RISK = RiskModel.builtin();

    /**
     * The Debian 12 server under free LTS (one server, nothing answered yet). The agent rates firewall off,
     * disk not encrypted and security updates pending high; no antivirus and community support low.
     */
    static ScoreResult debianLts() {
        Map<String, Verdict> v = Map.of("VIG-FW-001", Verdict.FAIL, "VIG-ENC-001", Verdict.FAIL,
                "VIG-UPD-001", Verdict.FAIL, "VIG-AV-001", Verdict.FAIL, "VIG-OS-001", Verdict.FAIL);
        Map<String, Severity> s = Map.of("VIG-FW-001", Severity.HIGH, "VIG-ENC-001", Severity.HIGH,
                "VIG-UPD-001", Severity.HIGH, "VIG-AV-001", Severity.LOW, "VIG-OS-001", Severity.LOW);
        DeviceReport server = new DeviceReport("deb12", NOW.minus(Duration.ofHours(2)), v, s);
        return Scoring.score(REF, new Assessment(Map.of("C2", "0", "C3", "1"), Map.of(), Map.of(), Map.of(),
                List.of(server), NOW));
    }

    @Test
    void debianLtsServerRanksItsHighFindingsFirst() {
        ScoreResult score = debianLts();
        // before issue 16 the end-of-life and antivirus rules raised urgences whatever their severity, making 5.2
        // (« Remplacer les systèmes », €€€) and 6.1 measures #1 and #2; both FAILs are low: no urgence at all
        assertTrue(score.urgences().isEmpty(), score.urgences().toString());
        ActionPlan p = ActionPlan.build(REF, RECS, score);
        // measured, one device of one failing (extent 1):
        //   5.1 updates   high 3 × 1 × W3 = 9 (Ef1)
        //   13.1 disk     high 3 × 1 × W3 = 9 (Ef2)   tie → lower Ef: 5.1 first
        //   7.1 firewall  high 3 × 1 × W2 = 6
        //   6.1 antivirus low  1 × 1 × W3 = 3 (Ef1)
        //   5.2 support   low  1 × 1 × W3 = 3 (Ef3)
        // unanswered (unknown, extent 0.3): critical W3 (7.2, 8.2, 9.1, 9.2) = 4 × 0.3 × 3 = 3.6, all Ef2 → by id;
        //   high W3 (3.1, 4.2, 8.1, 9.3, 10.2) = 2.7, below 6.1 and 5.2
        assertEquals(9.0, p.item("5.1").priority(), EPS);
        assertEquals(9.0, p.item("13.1").priority(), EPS);
        assertEquals(6.0, p.item("7.1").priority(), EPS);
        assertEquals(3.0, p.item("6.1").priority(), EPS);
        assertEquals(3.0, p.item("5.2").priority(), EPS);
        assertEquals(3.6, p.item("9.1").priority(), EPS);
        assertEquals(2.7, p.item("4.2").priority(), EPS);
        assertEquals(List.of("5.1", "13.1", "7.1", "7.2", "8.2", "9.1", "9.2", "6.1", "5.2"), p.order().subList(0, 9));
        assertEquals(List.of("5.1", "13.1", "7.1", "7.2", "8.2", "9.1"), p.priorities());
        assertFalse(p.item("5.2").urgent());
        assertFalse(p.item("6.1").urgent());
        // one sentence per measure, from the same numbers
        assertEquals("Constaté par l'agent sur 1 appareil(s) sur 1, gravité élevée, pour un point de poids 3 sur 3 "
                + "dans le référentiel.", RISK.explain(p.item("5.1").risk(), false, Lang.FR));
        assertEquals("Found by the agent on 1 of 1 device(s), low severity, on a point of weight 3 out of 3 in the "
                + "referential.", RISK.explain(p.item("5.2").risk(), false, Lang.EN));
        assertEquals("Réponse inconnue, à vérifier : un point de gravité critique et de poids 3 sur 3, qui passe "
                + "après les faiblesses constatées.", RISK.explain(p.item("9.1").risk(), false, Lang.FR));
    }

    @Test
    void theSameEndOfLifeFailRatedHighIsAnUrgence() {
        // a Windows 10 without ESU: VIG-OS-001 FAIL high → urgence end_of_life_os, 5.2 first whatever its risk
        DeviceReport pc = new DeviceReport("w10", NOW.minus(Duration.ofHours(2)), Map.of("VIG-OS-001", Verdict.FAIL),
                Map.of("VIG-OS-001", Severity.HIGH));
        ScoreResult score = Scoring.score(REF, new Assessment(Map.of("C2", "1"), Map.of(), Map.of(), Map.of(),
                List.of(pc), NOW));
        assertEquals(List.of("end_of_life_os"), score.urgences().stream().map(u -> u.id()).toList());
        ActionPlan p = ActionPlan.build(REF, RECS, score);
        assertEquals("5.2", p.order().get(0));
        assertTrue(p.item("5.2").urgent());
        assertEquals("C'est une urgence : elle passe avant tout le reste, quelle que soit la note.",
                RISK.explain(p.item("5.2").risk(), true, Lang.FR));
    }

    /** Every owner question answered at its worst; the expert has not come yet. */
    static ActionPlan worstOwner() {
        Map<String, String> declared = new HashMap<>();
        for (Question q : REF.questions()) {
            if (q.audience() == Question.Audience.D) {
                declared.put(q.id(), q.answers().stream().min(Comparator.comparingDouble(Answer::value)).orElseThrow().id());
            }
        }
        Map<String, String> context = Map.of("C1", "6", "C2", "5", "C3", "1", "C4", "2", "C5", "yes", "C6", "yes",
                "C7", "yes", "C8", "yes", "C9", "yes", "C11", "yes");
        return ActionPlan.build(REF, RECS, Scoring.score(REF,
                new Assessment(context, declared, Map.of(), Map.of(), List.of(), NOW)));
    }

    @Test
    void worstOwnerStartsWithBackupsUpdatesAntivirusAndRemoteAccess() {
        ActionPlan p = worstOwner();
        // every owner answer at v = 0: extent 1, risk = S × W
        //   critical W3: 5.1 updates (Ef1), 9.1 backups (Ef2), 9.2 offline copy (Ef2) = 12
        //   high W3 = 9: Ef1 4.2 mail MFA, 6.1 antivirus, 8.1 remote-access MFA, 9.3 restore test, 10.2 RIB check;
        //                Ef2 3.1 admin rights, 13.1 encryption; Ef3 5.2 unsupported systems
        //   then 6: high W2 7.1 firewall, 7.3 Wi-Fi (Ef1), medium W3 11.1, 15.1 (Ef1) → by id
        //   then 4: medium W2, among them 1.1, 3.2 one account each, 3.3 leavers, 4.1 password manager
        // before issue 16 (P = C/Ef at v = 0) it began with 3.2, 3.3, 4.1 and backups were not in the top three
        assertEquals(List.of("5.1", "9.1", "9.2", "4.2", "6.1", "8.1", "9.3", "10.2", "3.1", "13.1", "5.2",
                "7.1", "7.3", "11.1", "15.1"), p.order().subList(0, 15));
        assertEquals(12.0, p.item("9.1").priority(), EPS);
        assertEquals(9.0, p.item("6.1").priority(), EPS);
        assertEquals(6.0, p.item("7.1").priority(), EPS);
        assertEquals(4.0, p.item("3.2").priority(), EPS);
        // « par où commencer » shows the first three measures the owner answered: updates and backups
        assertEquals(List.of("5.1", "9.1", "9.2"), p.order().subList(0, 3));
        assertEquals(List.of("5.1", "9.1", "9.2", "4.2", "6.1", "8.1"), p.priorities());
        for (String q : List.of("3.2", "3.3", "4.1")) {
            assertTrue(p.item(q).rank() > 15, q + " ranks " + p.item(q).rank());
        }
        assertEquals("D'après la réponse retenue, un point de gravité critique et de poids 3 sur 3 dans le référentiel.",
                RISK.explain(p.item("9.1").risk(), false, Lang.FR));
    }

    @Test
    void riskDataNamesItsSourcesAndKnownQuestions() {
        assertFalse(RISK.sources().isEmpty());
        for (String k : List.of("model", "severityFactors", "urgentFrom", "unrecordedSeverity", "unknownFactor",
                "exposureFactor", "answerSeverity")) {
            assertTrue(RISK.rationale().containsKey(k), "no rationale for " + k);
        }
        // one step per severity word, in the severity order
        Map<Severity, Double> f = RISK.factors();
        assertTrue(f.get(Severity.CRITICAL) > f.get(Severity.HIGH) && f.get(Severity.HIGH) > f.get(Severity.MEDIUM)
                && f.get(Severity.MEDIUM) > f.get(Severity.LOW) && f.get(Severity.LOW) > f.get(Severity.INFO));
        RiskModel.AnswerSeverity a = RISK.answerSeverity();
        for (String q : concat(a.critical(), a.high(), a.low())) {
            assertTrue(REF.question(q).isPresent(), "risk.json names unknown question " + q);
        }
        assertEquals(Severity.HIGH, RISK.urgentFrom());
        assertTrue(RISK.urgent(null), "a FAIL without a recorded severity must not lose its urgence");
        assertFalse(RISK.urgent(Severity.MEDIUM));
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }
}
