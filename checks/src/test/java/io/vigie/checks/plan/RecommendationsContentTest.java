package io.vigie.checks.plan;

import io.vigie.checks.referential.Question;
import io.vigie.checks.referential.Referential;
import io.vigie.checks.referential.Theme;
import io.vigie.checks.rule.Catalogue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every question has a complete measure in French and English, with values in range; an owner who is half-way gets
 * the next step (niveau 2), not the first one again; every measure points to public guidance.
 */
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
    void halfWayAnswersGetTheirOwnNextStep() {
        int checked = 0;
        for (Question q : REF.questions()) {
            Recommendations.Recommendation r = RECS.forQuestion(q.id()).orElseThrow();
            boolean intermediate = q.answers().stream().anyMatch(a -> a.value() > 1 && a.value() < q.best());
            boolean forced = r.levelByAnswer().containsValue(2);
            if (!intermediate && !forced) {
                continue;
            }
            checked++;
            for (String lang : new String[] {"fr", "en"}) {
                String where = q.id() + " niveau 2 " + lang;
                Recommendations.MeasureText n2 = r.niveau2().get(lang);
                assertNotNull(n2, where + " missing: an owner half-way would be told to start what they have begun");
                complete(n2, where);
                Recommendations.MeasureText n1 = r.niveau1().get(lang);
                assertNotEquals(n1.title(), n2.title(), where + ": same title as niveau 1");
                assertNotEquals(n1.why(), n2.why(), where + ": same why as niveau 1");
                assertNotEquals(n1.how(), n2.how(), where + ": same how-to as niveau 1");
            }
        }
        assertTrue(checked >= 52, "questions with a half-way answer: " + checked);
    }

    @Test
    void everyMeasureLinksToPublicGuidance() {
        Set<String> used = new HashSet<>();
        for (Recommendations.Recommendation r : RECS.recommendations()) {
            assertFalse(r.links().isEmpty(), r.question() + " has no public guidance link");
            assertEquals(r.links().size(), new HashSet<>(r.links()).size(), r.question() + " repeats a link");
            for (String id : r.links()) {
                Recommendations.Link link = RECS.links().get(id);
                assertNotNull(link, r.question() + " link " + id + " is not in the links map");
                used.add(id);
            }
        }
        RECS.links().forEach((id, l) -> {
            assertTrue(l.url() != null && l.url().startsWith("https://") && !l.url().contains(" "), id + " " + l.url());
            assertTrue(l.fr() != null && !l.fr().isBlank(), id + " fr label");
            assertTrue(l.en() != null && !l.en().isBlank(), id + " en label");
        });
        assertEquals(RECS.links().keySet(), used, "links nobody uses");
    }

    @Test
    void noPlaceholdersAndShortTitles() {
        List<String> placeholders = List.of("todo", "fixme", "tbd", "lorem", "xxx", "???", "<", "{", "niveau1", "niveau2");
        for (Recommendations.Recommendation r : RECS.recommendations()) {
            List<Map.Entry<String, Recommendations.MeasureText>> texts = new ArrayList<>();
            r.niveau1().forEach((lang, t) -> texts.add(Map.entry("niveau 1 " + lang, t)));
            r.niveau2().forEach((lang, t) -> texts.add(Map.entry("niveau 2 " + lang, t)));
            assertTrue(Set.of("fr", "en").containsAll(r.niveau1().keySet()), r.question());
            assertTrue(Set.of("fr", "en").containsAll(r.niveau2().keySet()), r.question());
            for (var e : texts) {
                String where = r.question() + " " + e.getKey();
                Recommendations.MeasureText t = e.getValue();
                assertTrue(t.title().length() <= 80, where + ": title longer than 80 characters");
                for (String s : new String[] {t.title(), t.why(), t.how()}) {
                    String lower = s.toLowerCase(Locale.ROOT);
                    for (String p : placeholders) {
                        assertFalse(lower.contains(p), where + ": placeholder « " + p + " » in " + s);
                    }
                    assertEquals(s.strip(), s, where + ": stray spaces");
                }
            }
            for (String level : new String[] {"1", "2"}) {
                Map<String, Recommendations.MeasureText> m = level.equals("1") ? r.niveau1() : r.niveau2();
                if (m.containsKey("fr") && m.containsKey("en")) {
                    assertNotEquals(m.get("fr").title(), m.get("en").title(), r.question() + " niveau " + level + ": untranslated");
                    assertNotEquals(m.get("fr").how(), m.get("en").how(), r.question() + " niveau " + level + ": untranslated");
                }
            }
        }
        RECS.links().forEach((id, l) -> {
            for (String p : placeholders) {
                assertFalse((l.url() + l.fr() + l.en()).toLowerCase(Locale.ROOT).contains(p), id + ": placeholder " + p);
            }
        });
    }

    @Test
    void textsAreNotTemplateFiller() {
        Set<String> texts = new HashSet<>();
        for (Recommendations.Recommendation r : RECS.recommendations()) {
            List<Recommendations.MeasureText> all = new ArrayList<>(r.niveau1().values());
            all.addAll(r.niveau2().values());
            for (var m : all) {
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
