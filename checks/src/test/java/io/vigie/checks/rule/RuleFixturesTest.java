package io.vigie.checks.rule;

import io.vigie.checks.eol.EolCatalogue;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.Verdict;
import io.vigie.checks.testing.RuleFixtures;
import io.vigie.checks.text.Lang;
import io.vigie.checks.text.Texts;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Runs the judge on every fixture under {@code rules/<RULE-ID>/} and checks verdict, reason, severity and text. */
class RuleFixturesTest {

    private static final Pattern UNFILLED = Pattern.compile("\\{[A-Za-z][A-Za-z0-9_|]*}");

    @TestFactory
    List<DynamicTest> everyFixture() {
        Catalogue catalogue = Catalogue.builtin();
        EolCatalogue eol = EolCatalogue.load();
        Texts texts = Texts.builtin();
        return RuleFixtureCases.all().stream()
                .map(c -> DynamicTest.dynamicTest(c[0] + "/" + c[1], () -> check(catalogue, eol, texts, c[0], c[1])))
                .toList();
    }

    private static void check(Catalogue catalogue, EolCatalogue eol, Texts texts, String ruleId, String kind) {
        RuleFixtures.Fixture fx = RuleFixtures.fixture(ruleId, kind);
        assertTrue(catalogue.metadata(ruleId).isPresent(), "fixture folder for unknown rule " + ruleId);
        Judge judge = new Judge(catalogue, eol, Clock.fixed(fx.now(), ZoneOffset.UTC));
        Finding f = judge.judge(fx.snapshot()).stream().filter(x -> x.ruleId().equals(ruleId)).findFirst()
                .orElseThrow();
        String where = ruleId + "/" + kind + " evidence=" + f.evidence();
        assertEquals(fx.expect().verdict(), f.verdict(), where);
        assertEquals(fx.expect().reason(), f.reason(), where);
        String prefix = kind.split("-")[0];
        Verdict byName = switch (prefix) {
            case "pass" -> Verdict.PASS;
            case "fail" -> Verdict.FAIL;
            case "unknown" -> Verdict.UNKNOWN;
            case "na" -> Verdict.NOT_APPLICABLE;
            default -> null;
        };
        assertEquals(byName, f.verdict(), "fixture name must start with the verdict it expects: " + where);
        if (f.verdict() == Verdict.FAIL) {
            assertNotNull(fx.expect().severity(), "a FAIL fixture must state its severity: " + where);
            assertEquals(fx.expect().severity(), f.severity(), where);
        } else {
            assertNull(f.severity(), where);
        }
        assertFalse(Judge.RULE_ERROR.equals(f.reason()), where);
        assertPlainEvidence(f.evidence(), where);
        assertTrue(texts.hasReason(f.reason()), "no FR/EN phrase for reason code " + f.reason() + " (" + where + ")");
        Object factReason = f.evidence().get("factReason");
        if (factReason != null) {
            assertTrue(texts.hasReason(factReason.toString()), "no phrase for fact reason " + factReason);
        }
        for (Lang lang : Lang.values()) {
            String sentence = texts.explain(f, lang);
            assertFalse(sentence == null || sentence.isBlank(), where);
            if (UNFILLED.matcher(sentence).find()) {
                fail("unfilled placeholder in " + lang + " text for " + where + ": " + sentence);
            }
        }
    }

    private static void assertPlainEvidence(Map<String, Object> evidence, String where) {
        for (Map.Entry<String, Object> e : evidence.entrySet()) {
            Object v = e.getValue();
            boolean plain = v instanceof String || v instanceof Number || v instanceof Boolean;
            if (v instanceof Collection<?> c) {
                plain = c.stream().allMatch(o -> o instanceof String);
            }
            assertTrue(plain, "evidence " + e.getKey() + " is not a plain value (" + v.getClass() + "): " + where);
        }
    }
}
