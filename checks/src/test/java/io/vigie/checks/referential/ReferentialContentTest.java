package io.vigie.checks.referential;

import io.vigie.checks.rule.Catalogue;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The shipped referential holds what referential.md §3–§4 decide. */
class ReferentialContentTest {

    private static final Referential REF = Referential.builtin();
    private static final Set<Double> VALUES = Set.of(0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0);
    private static final Set<Double> WEIGHTS = Set.of(0.5, 1.0, 2.0, 3.0);

    @Test
    void identifiedAndVersioned() {
        assertEquals("vigie-referential", REF.id());
        assertTrue(REF.version().matches("\\d{4}\\.\\d+\\.\\d+"), REF.version());
        assertFalse(REF.sources().isEmpty());
        assertTrue(REF.structuralProblems().isEmpty(), REF.structuralProblems().toString());
    }

    @Test
    void fifteenThemesWithSocleAsDecided() {
        assertEquals(15, REF.themes().size());
        for (int i = 1; i <= 15; i++) {
            String id = String.format("T%02d", i);
            Theme t = REF.theme(id).orElseThrow(() -> new AssertionError(id));
            assertText(t.fr(), id);
            assertText(t.en(), id);
            assertText(t.description().fr(), id);
            assertText(t.description().en(), id);
            assertFalse(t.mappings().anssi().isEmpty(), id + " ANSSI");
            assertFalse(t.mappings().cisIG1().isEmpty(), id + " CIS");
            assertFalse(t.mappings().mac().isEmpty(), id + " MAC");
        }
        Set<String> socle = REF.themes().stream().filter(Theme::socle).map(Theme::id).collect(Collectors.toSet());
        assertEquals(Set.of("T03", "T04", "T05", "T06", "T08", "T09"), socle);
        // spot checks of §3
        assertEquals(List.of("4", "38R", "39", "41R"), REF.theme("T01").orElseThrow().mappings().anssi());
        assertEquals(List.of("R8", "R10"), REF.theme("T10").orElseThrow().mappings().cpme());
        assertEquals(List.of("11.1", "11.2", "11.3", "11.4"), REF.theme("T09").orElseThrow().mappings().cisIG1());
        assertTrue(REF.theme("T12").orElseThrow().mappings().cpme().isEmpty());
    }

    @Test
    void sixtyTwoQuestions38Owner24Expert() {
        assertEquals(62, REF.questions().size());
        assertEquals(38, REF.questions().stream().filter(q -> q.audience() == Question.Audience.D).count());
        assertEquals(24, REF.questions().stream().filter(q -> q.audience() == Question.Audience.E).count());
        Set<String> ids = new HashSet<>();
        for (Question q : REF.questions()) {
            assertTrue(ids.add(q.id()), "duplicate " + q.id());
            assertTrue(q.id().matches("\\d{1,2}\\.\\d"), q.id());
            assertEquals(String.format("T%02d", Integer.parseInt(q.id().split("\\.")[0])), q.theme(), q.id());
        }
        // a few weights and audiences from §4.2
        assertQuestion("3.1", Question.Audience.D, 3);
        assertQuestion("7.2", Question.Audience.E, 3);
        assertQuestion("9.4", Question.Audience.E, 2);
        assertQuestion("15.4", Question.Audience.D, 1);
    }

    @Test
    void weightsValuesAndTextsWithinTheAllowedSets() {
        for (Question q : REF.questions()) {
            assertTrue(WEIGHTS.contains(q.weight()), q.id() + " weight " + q.weight());
            assertText(q.fr(), q.id());
            assertText(q.en(), q.id());
            assertTrue(q.answers().size() >= 2, q.id());
            Set<Double> seen = new HashSet<>();
            for (Answer a : q.answers()) {
                assertTrue(VALUES.contains(a.value()), q.id() + " value " + a.value());
                assertTrue(seen.add(a.value()), q.id() + " two answers with value " + a.value());
                assertText(a.fr(), q.id() + "/" + a.id());
                assertText(a.en(), q.id() + "/" + a.id());
            }
            assertEquals(3.0, q.best(), q.id() + " best answer");
            assertEquals(0.0, q.answers().stream().mapToDouble(Answer::value).min().orElseThrow(), q.id() + " worst answer");
        }
        SpecialAnswers s = REF.specialAnswers();
        assertEquals(0.0, s.dontKnow().value());
        assertTrue(s.dontKnow().flagsToVerify());
        assertText(s.dontKnow().en(), "nsp");
        assertText(s.notConcerned().fr(), "nc");
    }

    @Test
    void scaleSIsNon0EnPartie15OuiPartout3() {
        Question q = REF.question("1.2").orElseThrow();
        assertEquals(List.of(0.0, 1.5, 3.0), q.answers().stream().map(Answer::value).toList());
        assertEquals(List.of("Non", "En partie", "Oui, partout"), q.answers().stream().map(Answer::fr).toList());
    }

    @Test
    void activeEvidenceUsesCatalogueRulesAndAllowedValues() {
        Catalogue catalogue = Catalogue.builtin();
        int active = 0;
        for (Question q : REF.questions()) {
            Set<Double> allowed = q.answers().stream().map(Answer::value).collect(Collectors.toSet());
            for (EvidenceLink l : q.evidence()) {
                if (l.active()) {
                    active++;
                    assertEquals(Question.Nature.TECHNICAL, q.nature(), q.id() + " measured but organisational");
                    assertFalse(l.rules().isEmpty(), q.id());
                    assertFalse(l.thresholds().isEmpty(), q.id());
                    assertTrue(l.facts().isEmpty(), q.id() + ": an active link names rules, not facts");
                    for (String rule : l.rules()) {
                        assertTrue(catalogue.metadata(rule).isPresent(), q.id() + ": unknown rule " + rule);
                    }
                    for (Threshold t : l.thresholds()) {
                        assertTrue(t.minShare() >= 0 && t.minShare() <= 1, q.id());
                        assertTrue(t.value() == null || allowed.contains(t.value()), q.id() + " threshold value " + t.value());
                    }
                } else {
                    assertEquals(EvidenceLink.PLANNED, l.status(), q.id() + ": a non-active link must be planned");
                    assertTrue(l.rules().isEmpty(), q.id() + ": planned links name facts, not rules");
                    assertFalse(l.facts().isEmpty(), q.id());
                    assertNotNull(l.note(), q.id());
                    assertText(l.note().fr(), q.id());
                    assertText(l.note().en(), q.id());
                    for (String f : l.facts()) {
                        assertTrue(f.matches("[a-z]+(\\.[A-Za-z]+)+"), q.id() + " fact key " + f);
                    }
                }
            }
            for (String rule : q.liveExposureRules()) {
                assertTrue(catalogue.metadata(rule).isPresent(), q.id() + ": unknown exposure rule " + rule);
            }
        }
        assertTrue(active >= 10, "active links " + active);
    }

    @Test
    void thresholdsOfTheKeyQuestionsAsDecided() {
        EvidenceLink upd = REF.question("5.1").orElseThrow().activeEvidence().orElseThrow();
        assertEquals(List.of("VIG-UPD-001", "VIG-UPD-002", "VIG-UPD-003"), upd.rules());
        assertEquals(3.0, upd.valueFor(0.9));
        assertEquals(2.0, upd.valueFor(0.89));
        assertEquals(2.0, upd.valueFor(0.6));
        assertEquals(1.0, upd.valueFor(0.59));
        assertEquals(List.of("VIG-OS-001"), REF.question("5.2").orElseThrow().activeEvidence().orElseThrow().rules());
        assertEquals(List.of("VIG-ACC-001"), REF.question("3.1").orElseThrow().activeEvidence().orElseThrow().rules());
        assertEquals(List.of("VIG-AV-001", "VIG-AV-002"), REF.question("6.1").orElseThrow().activeEvidence().orElseThrow().rules());
        assertEquals(List.of("VIG-FW-001"), REF.question("7.1").orElseThrow().activeEvidence().orElseThrow().rules());
        assertEquals(List.of("VIG-ENC-001"), REF.question("13.1").orElseThrow().activeEvidence().orElseThrow().rules());
        assertTrue(REF.question("9.1").orElseThrow().activeEvidence().orElseThrow().rules().contains("VIG-BAK-003"));
        assertTrue(REF.question("8.2").orElseThrow().activeEvidence().orElseThrow().rules().contains("VIG-RMT-002"));
        // a listener never proves internet exposure: 8.2's evidence can only say "nothing listens"
        EvidenceLink rdp = REF.question("8.2").orElseThrow().activeEvidence().orElseThrow();
        assertEquals(3.0, rdp.valueFor(1.0));
        assertEquals(null, rdp.valueFor(0.5));
    }

    @Test
    void evidenceNotCollectedYetIsPlanned() {
        // LAN, mail domain, Wi-Fi, logs, MDM, outside-in exposure: Vigie does not collect them yet
        Set<String> notCollected = Set.of("lan.devices", "lan.unknown", "lan.deviceClass", "mail.spf", "mail.dkim",
                "mail.dmarc", "wifi.current", "wifi.openProfiles", "log.auditPolicy", "log.secLogSize", "mdm.devices",
                "ext.exposure");
        Set<String> seen = new HashSet<>();
        for (Question q : REF.questions()) {
            for (EvidenceLink l : q.evidence()) {
                for (String f : l.facts()) {
                    if (notCollected.contains(f)) {
                        assertEquals(EvidenceLink.PLANNED, l.status(), q.id() + " " + f);
                        seen.add(f);
                    }
                }
            }
            boolean onlyPlanned = q.evidence().stream().noneMatch(EvidenceLink::active);
            if (Set.of("2.1", "7.3", "10.4", "15.3", "13.2", "7.2").contains(q.id())) {
                assertTrue(onlyPlanned, q.id() + " must stay declared/observed");
            }
        }
        assertEquals(notCollected, seen);
    }

    @Test
    void contextConditionsReferenceContextQuestions() {
        Set<String> ctx = REF.context().stream().map(ContextQuestion::id).collect(Collectors.toSet());
        for (ContextQuestion c : REF.context()) {
            assertText(c.fr(), c.id());
            assertText(c.en(), c.id());
            assertTrue(c.type().equals(ContextQuestion.NUMBER) || c.type().equals(ContextQuestion.CHOICE), c.id());
            if (c.type().equals(ContextQuestion.CHOICE)) {
                assertFalse(c.options().isEmpty(), c.id());
            }
        }
        for (Question q : REF.questions()) {
            for (Condition c : q.applicableIf()) {
                ContextQuestion cq = REF.contextQuestion(c.question()).orElseThrow(() -> new AssertionError(q.id() + " " + c.question()));
                assertTrue(ctx.contains(c.question()));
                if (c.equals() != null) {
                    assertEquals(ContextQuestion.CHOICE, cq.type(), q.id());
                    assertTrue(cq.options().stream().anyMatch(o -> o.id().equals(c.equals())), q.id() + " " + c.equals());
                } else {
                    assertEquals(ContextQuestion.NUMBER, cq.type(), q.id());
                }
            }
        }
    }

    @Test
    void contextMakesQuestionsNotConcerned() {
        // no remote access: the whole of T08 goes; no website: 14.4 goes; no Wi-Fi: 7.3 goes
        var ctx = java.util.Map.of("C5", "no", "C6", "no", "C7", "no", "C1", "1", "C4", "0", "C8", "no", "C9", "no", "C11", "no");
        for (Question q : REF.questionsOf("T08")) {
            assertFalse(q.applicable(ctx), q.id());
        }
        assertFalse(REF.question("14.4").orElseThrow().applicable(ctx));
        assertFalse(REF.question("7.3").orElseThrow().applicable(ctx));
        assertFalse(REF.question("13.1").orElseThrow().applicable(ctx));
        assertFalse(REF.question("12.3").orElseThrow().applicable(ctx));
        assertFalse(REF.question("3.2").orElseThrow().applicable(ctx));
        assertTrue(REF.question("9.1").orElseThrow().applicable(ctx));
        // public on site OR espionage target is enough for 12.3
        assertTrue(REF.question("12.3").orElseThrow().applicable(java.util.Map.of("C9", "no", "C11", "yes")));
        // an unanswered context question keeps the question
        assertTrue(REF.question("8.1").orElseThrow().applicable(java.util.Map.of()));
    }

    @Test
    void urgencesAndSignalsPointAtKnownRulesAndQuestions() {
        Catalogue catalogue = Catalogue.builtin();
        assertEquals(Set.of("internet_exposure", "no_recent_backup", "antivirus_off", "end_of_life_os"),
                REF.urgences().stream().map(UrgenceDef::id).collect(Collectors.toSet()));
        for (UrgenceDef u : REF.urgences()) {
            assertText(u.fr(), u.id());
            assertText(u.en(), u.id());
            u.rules().forEach(r -> assertTrue(catalogue.metadata(r).isPresent(), u.id() + " " + r));
            u.questions().forEach(q -> assertTrue(REF.question(q).isPresent(), u.id() + " " + q));
            u.observations().forEach(o -> assertTrue(REF.question(o.question()).isPresent(), u.id() + " " + o.question()));
        }
        // internet exposure only from an expert's observation (or the planned outside-in check), never a listener
        UrgenceDef internet = REF.urgences().stream().filter(u -> u.id().equals("internet_exposure")).findFirst().orElseThrow();
        assertTrue(internet.rules().isEmpty());
        assertTrue(internet.fr().contains("exposé sur Internet"));
        for (SignalDef s : REF.signals()) {
            s.rules().forEach(r -> assertTrue(catalogue.metadata(r).isPresent(), s.id() + " " + r));
            assertTrue(s.fr().contains("accessible depuis le réseau"), s.id());
            assertFalse(s.fr().contains("Internet :"), s.id());
        }
    }

    @Test
    void loaderRefusesBrokenStructure() {
        String dup = "{\"id\":\"x\",\"version\":\"1\","
                + "\"scoring\":{\"staleAfterDays\":7,\"ignoredAfterDays\":30,\"minCoverage\":0.8,\"lowCoverageCap\":1.5,"
                + "\"conflictGap\":1.5,\"levels\":{\"faibleBelow\":2,\"satisfaisantFrom\":3.5},\"guardSocleBelow\":1.5,"
                + "\"staleConfidenceFactor\":0.5},"
                + "\"specialAnswers\":{\"dontKnow\":{\"id\":\"nsp\"},\"notConcerned\":{\"id\":\"nc\"}},"
                + "\"themes\":[{\"id\":\"T01\",\"socle\":false}],"
                + "\"questions\":[{\"id\":\"1.1\",\"theme\":\"T01\",\"weight\":1,\"answers\":[{\"id\":\"a\",\"value\":0}],"
                + "\"applicableIf\":[{\"question\":\"C9\",\"equals\":\"yes\"}]},"
                + "{\"id\":\"1.1\",\"theme\":\"T02\",\"weight\":1,\"answers\":[{\"id\":\"a\",\"value\":0}]}]}";
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Referential.load(new ByteArrayInputStream(dup.getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("duplicate question 1.1"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown theme T02"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown context question C9"), e.getMessage());
    }

    private static void assertQuestion(String id, Question.Audience audience, double weight) {
        Question q = REF.question(id).orElseThrow();
        assertEquals(audience, q.audience(), id);
        assertEquals(weight, q.weight(), id);
    }

    private static void assertText(String s, String where) {
        if (s == null || s.isBlank()) {
            fail("missing text: " + where);
        }
    }
}
