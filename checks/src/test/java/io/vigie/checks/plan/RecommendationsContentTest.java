package io.vigie.checks.plan;

import io.vigie.checks.referential.Question;
import io.vigie.checks.referential.Referential;
import io.vigie.checks.referential.Theme;
import io.vigie.checks.rule.Catalogue;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every question has a complete measure in French and English, with values in range. */
class RecommendationsContentTest {

    static final Referential REF = Referential.builtin();
    static final Recommendations RECS = Recommendations.builtin();

    @Test
    void everyQuestionHasAMeasureInBothLanguages() {
        assertEquals(REF.id(), RECS.referential());
        assertEquals(REF.questions().size(), RECS.recommendations().size());
        Set<String> seen = new HashSet<>();
        for (Question q : REF.questions()) {
            Recommendations.Recommendation r = RECS.forQuestion(q.id()).orElseThrow(() -> new AssertionError(q.id()));
            assertTrue(seen.add(r.question()), "duplicate " + r.question());
            boolean needsLevel2 = q.answers().stream().anyMatch(a -> a.value() > 1 && a.value() < q.best());
            for (String lang : new String[] {"fr", "en"}) {
                complete(r.text(1, lang), q.id() + " niveau 1 " + lang);
                if (needsLevel2) {
                    complete(r.text(2, lang), q.id() + " niveau 2 " + lang);
                }
            }
            if (!r.niveau2().isEmpty()) {
                complete(r.niveau2().get("fr"), q.id() + " niveau 2 fr");
                complete(r.niveau2().get("en"), q.id() + " niveau 2 en");
            }
        }
    }

    @Test
    void criticalityEffortCostAndOwnerInRange() {
        for (Recommendations.Recommendation r : RECS.recommendations()) {
            Question q = REF.question(r.question()).orElseThrow(() -> new AssertionError("unknown question " + r.question()));
            Theme t = REF.theme(q.theme()).orElseThrow();
            assertTrue(r.criticality() >= 1 && r.criticality() <= 5, r.question());
            if (t.socle()) {
                assertEquals(5, r.criticality(), r.question() + " is in a socle theme");
            } else {
                assertTrue(r.criticality() <= 4, r.question() + ": 5 is for socle themes");
            }
            assertTrue(r.effort() >= 1 && r.effort() <= 3, r.question());
            assertTrue(Set.of("€", "€€", "€€€").contains(r.cost()), r.question());
            assertNotNull(RECS.owners().get(r.owner()), r.question() + " owner " + r.owner());
            for (String l : r.links()) {
                Recommendations.Link link = RECS.links().get(l);
                assertNotNull(link, r.question() + " link " + l);
            }
            r.levelByAnswer().forEach((answer, level) -> {
                assertTrue(q.answer(answer).isPresent(), r.question() + " " + answer);
                assertTrue(level == 1 || level == 2, r.question());
            });
        }
        RECS.links().forEach((id, l) -> {
            assertTrue(l.url().startsWith("https://"), id);
            assertFalse(l.fr().isBlank(), id);
            assertFalse(l.en().isBlank(), id);
        });
    }

    @Test
    void proofsUseCatalogueRulesLinkedToTheirQuestion() {
        Catalogue c = Catalogue.builtin();
        int proofs = 0;
        for (Recommendations.Recommendation r : RECS.recommendations()) {
            if (r.proof() == null) {
                continue;
            }
            proofs++;
            assertTrue(r.proof().days() >= 7, r.question());
            Question q = REF.question(r.question()).orElseThrow();
            Set<String> linked = new HashSet<>(q.activeEvidence().orElseThrow(() -> new AssertionError(r.question())).rules());
            for (String rule : r.proof().rules()) {
                assertTrue(c.metadata(rule).isPresent(), r.question() + " " + rule);
                assertTrue(linked.contains(rule), r.question() + ": proof rule " + rule + " is not linked to the question");
            }
        }
        assertTrue(proofs >= 5, "proofs " + proofs);
        assertEquals(30, RECS.forQuestion("9.1").orElseThrow().proof().days());
    }

    @Test
    void textsAreNotTemplateFiller() {
        Set<String> texts = new HashSet<>();
        for (Recommendations.Recommendation r : RECS.recommendations()) {
            for (var m : new java.util.ArrayList<>(r.niveau1().values())) {
                assertTrue(texts.add(m.title()), "repeated title " + m.title());
                assertTrue(texts.add(m.why()), "repeated text in " + r.question());
                assertTrue(texts.add(m.how()), "repeated text in " + r.question());
                assertTrue(m.how().length() > 80, r.question() + ": how-to too thin");
            }
        }
    }

    private static void complete(Recommendations.MeasureText t, String where) {
        assertNotNull(t, where);
        assertFalse(t.title() == null || t.title().isBlank(), where);
        assertFalse(t.why() == null || t.why().isBlank(), where);
        assertFalse(t.how() == null || t.how().isBlank(), where);
    }
}
