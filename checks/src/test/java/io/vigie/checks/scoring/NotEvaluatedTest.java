package io.vigie.checks.scoring;

import io.vigie.checks.referential.Question;
import io.vigie.checks.referential.Referential;
import io.vigie.checks.text.Lang;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 16 §3: « non évalué » until half the applicable weight (referential minAnsweredShare 0.5) is answered. */
class NotEvaluatedTest {

    static final Referential REF = Referential.builtin();
    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    static final Map<String, String> CONTEXT = Map.of("C1", "4", "C2", "3", "C5", "yes");

    static ScoreResult score(Map<String, String> declared) {
        return Scoring.score(REF, new Assessment(CONTEXT, declared, Map.of(), Map.of(), List.of(), NOW));
    }

    @Test
    void aDiagnosticOpenedAMinuteAgoIsNotFaible() {
        ScoreResult s = score(Map.of());
        // before: every unanswered question counted 0, G = 0 → « faible » everywhere
        assertEquals(0.0, s.grades().global(), 1e-9);
        assertEquals(Level.NOT_EVALUATED, s.grades().level());
        assertFalse(s.grades().evaluated());
        assertEquals(0.0, s.grades().answered(), 1e-9);
        for (ThemeScore t : s.grades().themes()) {
            if (t.applicable()) {
                assertEquals(Level.NOT_EVALUATED, t.level(), t.themeId());
            }
        }
        assertEquals(Level.NOT_EVALUATED, s.declarative().level());
        assertEquals("non évalué", Level.NOT_EVALUATED.label(Lang.FR));
        assertEquals("not assessed", Level.NOT_EVALUATED.label(Lang.EN));
        assertEquals("0.5", String.valueOf(REF.scoring().minAnsweredShare()));
    }

    @Test
    void aThemeIsEvaluatedFromHalfItsWeight() {
        // T08 weights: 8.1 D 3, 8.2 E 3, 8.3 D 1, 8.4 D 1 = 8
        //   8.1 only: 3/8 = 0.375 < 0.5 → non évalué
        //   8.1 + 8.3: 4/8 = 0.5 → evaluated; 8.1 « Aucune » 0 and 8.3 best 3 (others 0):
        //   S = 5/3 × (3×0 + 1×3)/8 = 0.625 → faible
        String worst81 = "a";
        String best83 = REF.question("8.3").orElseThrow().answers().stream()
                .max(java.util.Comparator.comparingDouble(io.vigie.checks.referential.Answer::value)).orElseThrow().id();
        ThemeScore one = score(Map.of("8.1", worst81)).grades().theme("T08");
        assertEquals(0.375, one.answered(), 1e-9);
        assertEquals(Level.NOT_EVALUATED, one.level());
        ThemeScore two = score(Map.of("8.1", worst81, "8.3", best83)).grades().theme("T08");
        assertEquals(0.5, two.answered(), 1e-9);
        assertEquals(0.625, two.grade(), 1e-9);
        assertEquals(Level.FAIBLE, two.level());
        assertTrue(two.evaluated());
    }

    @Test
    void theOwnersAnswersAloneGiveTheGlobalLevel() {
        // the owner's (D) questions carry 79 of the 116 weight points (0.68 ≥ 0.5): answered all « je ne sais pas »
        // (an answer, counted 0) the diagnostic is evaluated, and faible; the declarative score too
        Map<String, String> declared = new HashMap<>();
        for (Question q : REF.questions()) {
            if (q.audience() == Question.Audience.D) {
                declared.put(q.id(), REF.specialAnswers().dontKnow().id());
            }
        }
        ScoreResult s = score(declared);
        assertTrue(s.grades().answered() >= 0.5, String.valueOf(s.grades().answered()));
        assertEquals(Level.FAIBLE, s.grades().level());
        assertEquals(Level.FAIBLE, s.declarative().level());
        assertEquals(1.0, s.declarative().answered(), 1e-9);
    }
}
