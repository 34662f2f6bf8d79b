package io.vigie.checks.rule;

import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Reason;
import io.vigie.checks.text.Lang;
import io.vigie.checks.text.Texts;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks the content of the shipped rule catalogue: ids, themes, severities, texts, references and fixtures. */
class CatalogueContentTest {

    private static final Pattern ID = Pattern.compile("^VIG-(OS|UPD|ACC|ENC|BAK|NET|RMT|FW|AV)-\\d{3}$");
    private static final Pattern THEME = Pattern.compile("^T(0[1-9]|1[0-5])$");
    private static final Pattern CIS = Pattern.compile("^\\d{1,2}\\.\\d{1,2}$");
    private static final Pattern SNAKE = Pattern.compile("^[a-z][a-z0-9]*(_[a-z0-9]+)*$");

    private final Catalogue catalogue = Catalogue.builtin();
    private final Texts texts = Texts.builtin();

    @Test
    void catalogueHasAVersionAndEnoughRules() {
        assertEquals("2026.11.1", catalogue.version());
        assertTrue(catalogue.metadata().size() >= 26, "at least 26 rules, found " + catalogue.metadata().size());
        assertEquals(catalogue.metadata().size(), BuiltinRules.all().size());
    }

    @Test
    void idsAreWellFormedAndUnique() {
        Set<String> seen = new HashSet<>();
        for (RuleMetadata m : catalogue.metadata()) {
            assertTrue(ID.matcher(m.id()).matches(), "malformed id " + m.id());
            assertTrue(seen.add(m.id()), "duplicate id " + m.id());
        }
    }

    @Test
    void themesSeveritiesFactsAndReferencesAreValid() {
        for (RuleMetadata m : catalogue.metadata()) {
            assertTrue(m.theme() != null && THEME.matcher(m.theme()).matches(), m.id() + ": theme " + m.theme());
            texts.themeName(m.theme(), Lang.FR);
            assertTrue(m.severity() != null, m.id() + ": severity");
            assertTrue(m.facts() != null && !m.facts().isEmpty(), m.id() + ": facts");
            for (String f : m.facts()) {
                assertTrue(FactKeys.byName(f).isPresent(), m.id() + ": unknown fact " + f);
            }
            assertTrue(m.references() != null && !m.references().anssi().isEmpty() && !m.references().cis().isEmpty(),
                    m.id() + ": references");
            for (String a : m.references().anssi()) {
                int n = Integer.parseInt(a);
                assertTrue(n >= 1 && n <= 42, m.id() + ": ANSSI measure " + a);
            }
            for (String c : m.references().cis()) {
                assertTrue(CIS.matcher(c).matches(), m.id() + ": CIS safeguard " + c);
            }
        }
    }

    @Test
    void everyThresholdNamesItsSource() {
        List<String> problems = thresholdsWithoutSource(catalogue.metadata());
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        // the check itself catches a threshold without its source, and a source for no threshold
        RuleMetadata av = catalogue.metadata("VIG-AV-002").orElseThrow();
        Map<String, String> partial = new java.util.HashMap<>(av.paramSources());
        partial.remove("maxAgeDays");
        partial.put("maxAdmins", "a source for a parameter this rule does not have");
        RuleMetadata bad = new RuleMetadata(av.id(), av.theme(), av.severity(), av.facts(), av.params(),
                av.references(), av.text(), partial);
        assertEquals(List.of("VIG-AV-002: threshold maxAgeDays names no source",
                "VIG-AV-002: source for unknown parameter maxAdmins"), thresholdsWithoutSource(List.of(bad)));
    }

    static List<String> thresholdsWithoutSource(java.util.Collection<RuleMetadata> rules) {
        List<String> problems = new ArrayList<>();
        for (RuleMetadata m : rules) {
            for (String p : new java.util.TreeSet<>(m.params().keySet())) {
                String src = m.paramSources().get(p);
                if (src == null || src.isBlank()) {
                    problems.add(m.id() + ": threshold " + p + " names no source");
                } else if (src.strip().length() < 30) {
                    problems.add(m.id() + ": source of " + p + " too short to name a document: " + src);
                }
            }
            for (String p : new java.util.TreeSet<>(m.paramSources().keySet())) {
                if (!m.params().containsKey(p)) {
                    problems.add(m.id() + ": source for unknown parameter " + p);
                }
            }
        }
        return problems;
    }

    @Test
    void everyRuleHasCompleteFrenchAndEnglishTexts() {
        List<String> problems = new ArrayList<>();
        for (RuleMetadata m : catalogue.metadata()) {
            for (Lang lang : Lang.values()) {
                RuleText t = m.text() == null ? null : m.text().get(lang.code());
                if (t == null) {
                    problems.add(m.id() + " has no " + lang.code() + " text");
                    continue;
                }
                Map<String, String> fields = Map.of("title", nn(t.title()), "why", nn(t.why()), "fix", nn(t.fix()),
                        "fail", nn(t.fail()), "pass", nn(t.pass()));
                fields.forEach((k, v) -> {
                    if (v.isBlank()) {
                        problems.add(m.id() + " " + lang.code() + "." + k + " is blank");
                    }
                });
                for (Map.Entry<String, String> v : t.variants().entrySet()) {
                    if (!texts.hasReason(v.getKey())) {
                        problems.add(m.id() + " " + lang.code() + " variant for unknown reason " + v.getKey());
                    }
                    if (v.getValue().isBlank()) {
                        problems.add(m.id() + " " + lang.code() + " variant " + v.getKey() + " is blank");
                    }
                }
            }
            RuleText fr = m.text().get("fr");
            RuleText en = m.text().get("en");
            if (fr != null && en != null && !fr.variants().keySet().equals(en.variants().keySet())) {
                problems.add(m.id() + " FR and EN variants differ");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyRuleHasPassFailAndUnknownFixtures() {
        List<String> missing = new ArrayList<>();
        for (RuleMetadata m : catalogue.metadata()) {
            List<String> kinds = RuleFixtureCases.kinds(m.id());
            for (String k : List.of("pass", "fail", "unknown")) {
                if (!kinds.contains(k)) {
                    missing.add(m.id() + "/" + k + ".json");
                }
            }
        }
        assertTrue(missing.isEmpty(), "missing rule fixtures: " + missing);
    }

    @Test
    void everyReasonCodeHasAPhraseInBothLanguages() throws Exception {
        Set<String> codes = new LinkedHashSet<>();
        codes.addAll(stringConstants(Reason.class));
        codes.addAll(stringConstants(FactRule.class));
        codes.add(Judge.RULE_ERROR);
        for (Rule r : BuiltinRules.all()) {
            codes.addAll(stringConstants(r.getClass()));
        }
        codes.addAll(stringConstants(Class.forName("io.vigie.checks.rule.builtin.Reasons")));
        List<String> problems = new ArrayList<>();
        for (String code : codes) {
            if (!SNAKE.matcher(code).matches()) {
                problems.add("reason code not snake_case: " + code);
            }
            if (!texts.hasReason(code)) {
                problems.add("no phrase for " + code);
            }
            for (Lang lang : Lang.values()) {
                if (texts.reason(code, lang).isBlank()) {
                    problems.add("blank " + lang + " phrase for " + code);
                }
            }
        }
        assertTrue(codes.size() > 100, "expected the rules' reason codes, found " + codes.size());
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static Set<String> stringConstants(Class<?> type) throws IllegalAccessException {
        Set<String> out = new LinkedHashSet<>();
        for (Field f : type.getDeclaredFields()) {
            int mod = f.getModifiers();
            if (Modifier.isStatic(mod) && Modifier.isFinal(mod) && f.getType() == String.class) {
                f.setAccessible(true);
                out.add((String) f.get(null));
            }
        }
        return out;
    }

    private static String nn(String s) {
        return s == null ? "" : s;
    }
}
