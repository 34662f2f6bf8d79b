package io.vigie.checks.text;

import io.vigie.checks.fact.Reason;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.Severity;
import io.vigie.checks.report.Verdict;
import io.vigie.checks.rule.FactRule;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextsTest {

    private final Texts texts = Texts.builtin();

    @Test
    void datesInFrenchAndEnglish() {
        Map<String, Object> ev = Map.of("at", "2026-11-22T10:00:00Z", "day", "2026-10-01");
        assertEquals("le 22 novembre 2026", texts.render("le {at}", ev, Lang.FR));
        assertEquals("on 22 November 2026", texts.render("on {at}", ev, Lang.EN));
        assertEquals("1er octobre 2026", texts.render("{day}", ev, Lang.FR));
        assertEquals("1 October 2026", texts.render("{day}", ev, Lang.EN));
        assertEquals("12 mars 2027", texts.date(LocalDate.of(2027, 3, 12), Lang.FR));
    }

    @Test
    void instantsAreShownInTheUsersZone() {
        Map<String, Object> ev = Map.of("at", "2026-11-22T23:30:00Z");
        assertEquals("23 novembre 2026", texts.render("{at}", ev, Lang.FR));
        assertEquals("22 novembre 2026", texts.withZone(ZoneOffset.UTC).render("{at}", ev, Lang.FR));
        assertEquals("22 novembre 2026", texts.render("{at}", Map.of("at", "2026-11-22T23:30:00+01:00"), Lang.FR));
    }

    @Test
    void listsNumbersAndBooleans() {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("tools", List.of("TeamViewer", "AnyDesk"));
        ev.put("none", List.of());
        ev.put("big", 1234567);
        ev.put("ratio", 2.5);
        ev.put("on", true);
        ev.put("off", false);
        assertEquals("TeamViewer, AnyDesk", texts.render("{tools}", ev, Lang.FR));
        assertEquals("aucun / none", texts.render("{none}", ev, Lang.FR) + " / " + texts.render("{none}", ev, Lang.EN));
        // French groups digits with a (narrow) no-break space
        assertTrue(texts.render("{big}", ev, Lang.FR).matches("1[\\u00A0\\u202F ]234[\\u00A0\\u202F ]567"),
                texts.render("{big}", ev, Lang.FR));
        assertEquals("1,234,567", texts.render("{big}", ev, Lang.EN));
        assertEquals("2,5", texts.render("{ratio}", ev, Lang.FR));
        assertEquals("2.5", texts.render("{ratio}", ev, Lang.EN));
        assertEquals("oui non", texts.render("{on} {off}", ev, Lang.FR));
        assertEquals("yes no", texts.render("{on} {off}", ev, Lang.EN));
    }

    @Test
    void pluralForms() {
        String fr = "{n|jour|jours}";
        String en = "{n|day|days}";
        assertEquals("1 jour", texts.render(fr, Map.of("n", 1), Lang.FR));
        assertEquals("0 jour", texts.render(fr, Map.of("n", 0), Lang.FR));
        assertEquals("12 jours", texts.render(fr, Map.of("n", 12), Lang.FR));
        assertEquals("1 day", texts.render(en, Map.of("n", 1), Lang.EN));
        assertEquals("0 days", texts.render(en, Map.of("n", 0L), Lang.EN));
    }

    @Test
    void missingPlaceholdersStayVisible() {
        assertEquals("port {port} : 22", texts.render("port {port} : {x}", Map.of("x", 22), Lang.FR));
        // braces that are not placeholders are left alone
        assertEquals("@{AllowUnencrypted=\"false\"}", texts.render("@{AllowUnencrypted=\"false\"}", Map.of(), Lang.EN));
    }

    @Test
    void reasonPhrases() {
        assertEquals("il faut lancer Vigie en administrateur pour le savoir", texts.reason(Reason.NEEDS_ADMIN, Lang.FR));
        assertTrue(texts.reason(Reason.NEEDS_ADMIN, Lang.EN).contains("administrator"));
        String unknown = texts.reason("frobnicated_widget", Lang.FR);
        assertTrue(unknown.contains("frobnicated_widget"), unknown);
        assertTrue(texts.reason("frobnicated_widget", Lang.EN).contains("frobnicated_widget"));
        assertFalse(texts.hasReason("frobnicated_widget"));
    }

    @Test
    void everyFactReasonAndGateCodeHasAPhrase() {
        for (String code : List.of(Reason.NEEDS_ADMIN, Reason.TOOL_ABSENT, Reason.COMMAND_TIMEOUT, Reason.COMMAND_FAILED,
                Reason.UNPARSABLE_OUTPUT, Reason.EMPTY_OUTPUT, Reason.NOT_INSTALLED, Reason.NOT_SUPPORTED,
                Reason.POLICY_BLOCKED, Reason.COLLECTOR_ERROR, Reason.COLLECTOR_TIMEOUT, Reason.NOT_COLLECTED,
                Reason.COLLECTED, FactRule.FACT_MISSING, FactRule.FACT_UNKNOWN, FactRule.FACT_NOT_APPLICABLE,
                io.vigie.checks.rule.Judge.RULE_ERROR)) {
            assertTrue(texts.hasReason(code), code);
            assertNotEquals(texts.reason(code, Lang.FR), texts.reason(code, Lang.EN), code);
        }
    }

    @Test
    void explainUnknownNamesTheFactsOwnReason() {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("fact", "disk.encryption");
        ev.put("factStatus", "UNKNOWN");
        ev.put("factReason", "needs_admin");
        Finding f = new Finding("VIG-ENC-001", Verdict.UNKNOWN, null, "T13", FactRule.FACT_UNKNOWN, ev, List.of("disk.encryption"));
        assertEquals("L'information n'a pas pu être relevée : il faut lancer Vigie en administrateur pour le savoir.",
                texts.explain(f, Lang.FR));
        assertEquals("The information could not be collected: Vigie must run as administrator to find out.",
                texts.explain(f, Lang.EN));
        ev.put("factDetail", "Win32_EncryptableVolume: access denied");
        Finding withDetail = new Finding("VIG-ENC-001", Verdict.UNKNOWN, null, "T13", FactRule.FACT_UNKNOWN, ev, List.of());
        assertTrue(texts.explain(withDetail, Lang.FR).endsWith("(détail technique : Win32_EncryptableVolume: access denied)."));
    }

    @Test
    void explainFailAndPassFillTheRuleTemplates() {
        Finding fail = new Finding("VIG-BAK-001", Verdict.FAIL, Severity.CRITICAL, "T09", "no_backup_found",
                Map.of("lookedFor", List.of("restic", "borg")), List.of("backup.status"));
        assertEquals("Aucune sauvegarde détectée sur cette machine (recherché : restic, borg).", texts.explain(fail, Lang.FR));
        assertEquals("No backup found on this machine (looked for: restic, borg).", texts.explain(fail, Lang.EN));
        Finding variant = new Finding("VIG-FW-001", Verdict.PASS, null, "T07", "third_party_firewall",
                Map.of("products", List.of("ESET Firewall"), "on", List.of(), "off", List.of("public")), List.of());
        assertEquals("Le pare-feu est assuré par un autre logiciel : ESET Firewall.", texts.explain(variant, Lang.FR));
    }

    @Test
    void explainForARuleThisCatalogueDoesNotKnowFallsBackToTheReason() {
        Finding f = new Finding("VIG-LAN-999", Verdict.FAIL, Severity.HIGH, "T07", "no_backup_found", Map.of(), List.of());
        assertEquals("Aucune sauvegarde détectée sur cette machine.", texts.explain(f, Lang.FR));
    }

    @Test
    void ruleTexts() {
        assertEquals("Aucune sauvegarde détectée", texts.rule("VIG-BAK-001", Lang.FR).title());
        assertEquals("No backup found", texts.rule("VIG-BAK-001", Lang.EN).title());
        assertThrows(IllegalArgumentException.class, () -> texts.rule("VIG-XXX-000", Lang.FR));
    }

    @Test
    void labelsAndThemes() {
        for (Severity s : Severity.values()) {
            assertFalse(texts.severityLabel(s, Lang.FR).isBlank());
            assertFalse(texts.severityLabel(s, Lang.EN).isBlank());
        }
        assertEquals("critique", texts.severityLabel(Severity.CRITICAL, Lang.FR));
        for (Verdict v : Verdict.values()) {
            assertFalse(texts.verdictLabel(v, Lang.FR).isBlank());
            assertFalse(texts.verdictLabel(v, Lang.EN).isBlank());
        }
        assertEquals("sans objet", texts.verdictLabel(Verdict.NOT_APPLICABLE, Lang.FR));
        assertEquals(15, texts.themeIds().size());
        for (int i = 1; i <= 15; i++) {
            String id = String.format("T%02d", i);
            assertFalse(texts.themeName(id, Lang.FR).isBlank(), id);
            assertFalse(texts.themeName(id, Lang.EN).isBlank(), id);
        }
        assertEquals("Sauvegardes et restauration", texts.themeName("T09", Lang.FR));
        assertEquals("Backup & recovery", texts.themeName("T09", Lang.EN));
        assertThrows(IllegalArgumentException.class, () -> texts.themeName("T16", Lang.FR));
    }
}
