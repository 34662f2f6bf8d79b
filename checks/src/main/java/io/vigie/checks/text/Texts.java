package io.vigie.checks.text;

import com.fasterxml.jackson.core.type.TypeReference;
import io.vigie.checks.json.Json;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.Severity;
import io.vigie.checks.report.Verdict;
import io.vigie.checks.rule.Catalogue;
import io.vigie.checks.rule.RuleMetadata;
import io.vigie.checks.rule.RuleText;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * User-facing words for findings, in French or English: reason phrases, rule texts, labels, theme names, and the
 * filling of {@code {name}} placeholders with evidence. All wording lives in data files
 * ({@code io/vigie/checks/text/*.json} and the rule catalogue); this class only assembles it.
 *
 * <p>Placeholders: {@code {key}} is replaced by the evidence value (lists joined with ", ", numbers in the
 * language's format, ISO dates and instants as « 22 novembre 2026 » / "22 November 2026", booleans as oui/non,
 * yes/no). {@code {key|singular|plural}} prints the number followed by the right word form. A placeholder whose
 * key is absent from the evidence is left as it is, so gaps stay visible (and tests catch them).
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
public final class Texts {

    public static final String REASONS = "/io/vigie/checks/text/reasons.json";
    public static final String THEMES = "/io/vigie/checks/text/themes.json";
    public static final String LABELS = "/io/vigie/checks/text/labels.json";

    /** Instants are shown as dates in this zone unless told otherwise (Vigie's users are in France). */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Paris");

    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)(?:\\|([^|{}]*)\\|([^|{}]*))?}");
    private static final Pattern ISO_DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}(T\\S+)?$");

    record Phrase(String fr, String en) {
        String in(Lang lang) {
            String s = lang == Lang.EN ? en : fr;
            return s != null ? s : (lang == Lang.EN ? fr : en);
        }
    }

    record ReasonsFile(String version, Map<String, Phrase> reasons) {
    }

    record ThemesFile(String version, String source, Map<String, Phrase> themes) {
    }

    record LabelsFile(String version, Map<String, Phrase> severity, Map<String, Phrase> verdict, Map<String, Phrase> words) {
    }

    private final Catalogue catalogue;
    private final ZoneId zone;
    private final Map<String, Phrase> reasons;
    private final Map<String, Phrase> themes;
    private final LabelsFile labels;

    private Texts(Catalogue catalogue, ZoneId zone, Map<String, Phrase> reasons, Map<String, Phrase> themes,
                  LabelsFile labels) {
        this.catalogue = Objects.requireNonNull(catalogue);
        this.zone = Objects.requireNonNull(zone);
        this.reasons = Map.copyOf(reasons);
        this.themes = Map.copyOf(themes);
        this.labels = labels;
    }

    /** Texts of this build, with the built-in rule catalogue. */
    public static Texts builtin() {
        return Holder.BUILTIN;
    }

    private static final class Holder {
        static final Texts BUILTIN = of(Catalogue.builtin());
    }

    /** Texts with another rule catalogue (e.g. the console's, newer than the agent's). */
    public static Texts of(Catalogue catalogue) {
        ReasonsFile r = read(REASONS, new TypeReference<>() { });
        ThemesFile t = read(THEMES, new TypeReference<>() { });
        LabelsFile l = read(LABELS, new TypeReference<>() { });
        return new Texts(catalogue, DEFAULT_ZONE, r.reasons(), t.themes(), l);
    }

    /** The same texts, showing instants as dates in {@code zone}. */
    public Texts withZone(ZoneId zone) {
        return new Texts(catalogue, zone, reasons, themes, labels);
    }

    private static <T> T read(String resource, TypeReference<T> type) {
        try (InputStream in = Texts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("text resource not found: " + resource);
            }
            return Json.mapper().readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("text resource unreadable: " + resource, e);
        }
    }

    /** Whether a phrase exists for this reason code (fact reasons, rule gates, rule reasons). */
    public boolean hasReason(String code) {
        return reasons.containsKey(code);
    }

    /** A plain phrase (lower-case start, no final full stop) for a reason code; a generic phrase for an unknown code. */
    public String reason(String code, Lang lang) {
        Phrase p = code == null ? null : reasons.get(code);
        if (p != null) {
            return p.in(lang);
        }
        return word("unknownReason", lang).replace("{code}", String.valueOf(code));
    }

    /** A rule's texts from the catalogue; throws {@link IllegalArgumentException} for an unknown rule. */
    public RuleText rule(String ruleId, Lang lang) {
        RuleMetadata m = catalogue.metadata(ruleId)
                .orElseThrow(() -> new IllegalArgumentException("unknown rule " + ruleId));
        Map<String, RuleText> text = m.text() == null ? Map.of() : m.text();
        RuleText t = text.get(lang.code());
        if (t == null) {
            t = text.get(lang == Lang.EN ? Lang.FR.code() : Lang.EN.code());
        }
        if (t == null) {
            throw new IllegalArgumentException("rule " + ruleId + " has no text");
        }
        return t;
    }

    /**
     * One sentence for a finding. FAIL and PASS: the rule's template for that reason, filled with the evidence.
     * UNKNOWN and NOT_APPLICABLE: the reason's phrase, followed by the fact's own reason ({@code factReason}) and
     * technical detail ({@code factDetail}, or {@code error} for a rule error) when the evidence has them.
     */
    public String explain(Finding f, Lang lang) {
        Map<String, Object> ev = f.evidence() == null ? Map.of() : f.evidence();
        if (f.verdict() == Verdict.FAIL || f.verdict() == Verdict.PASS) {
            String template = null;
            if (catalogue.metadata(f.ruleId()).isPresent()) {
                template = rule(f.ruleId(), lang).template(f.verdict(), f.reason());
            }
            if (template != null) {
                return render(template, ev, lang);
            }
            return sentence(render(reason(f.reason(), lang), ev, lang));
        }
        StringBuilder s = new StringBuilder(render(reason(f.reason(), lang), ev, lang));
        Object factReason = ev.get("factReason");
        if (factReason != null) {
            s.append(word("separator", lang)).append(reason(factReason.toString(), lang));
        }
        Object detail = ev.containsKey("factDetail") ? ev.get("factDetail") : ev.get("error");
        if (detail != null && !detail.toString().isBlank()) {
            s.append(" (").append(word("detail", lang)).append(detail).append(')');
        }
        return sentence(s.toString());
    }

    /** Fills {@code {name}} and {@code {name|singular|plural}} placeholders from {@code evidence}. */
    public String render(String template, Map<String, Object> evidence, Lang lang) {
        if (template == null) {
            return null;
        }
        Map<String, Object> ev = evidence == null ? Map.of() : evidence;
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String replacement;
            if (!ev.containsKey(key) || ev.get(key) == null) {
                replacement = m.group();
            } else if (m.group(2) != null) {
                replacement = plural(ev.get(key), m.group(2), m.group(3), lang);
            } else {
                replacement = format(ev.get(key), lang);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** "critique", "élevée"… / "critical", "high"… */
    public String severityLabel(Severity severity, Lang lang) {
        return label(labels.severity(), severity.json(), lang);
    }

    /** "conforme", "à corriger", "indéterminé", "sans objet" / "pass", "to fix", "unknown", "not applicable". */
    public String verdictLabel(Verdict verdict, Lang lang) {
        return label(labels.verdict(), verdict.name(), lang);
    }

    /** Name of a referential theme T01…T15; throws {@link IllegalArgumentException} for an unknown id. */
    public String themeName(String themeId, Lang lang) {
        Phrase p = themes.get(themeId);
        if (p == null) {
            throw new IllegalArgumentException("unknown theme " + themeId);
        }
        return p.in(lang);
    }

    /** Theme ids known to the texts, T01…T15. */
    public Collection<String> themeIds() {
        return themes.keySet().stream().sorted().toList();
    }

    /** Formats one evidence value for people. */
    public String format(Object value, Lang lang) {
        if (value == null) {
            return "";
        }
        if (value instanceof Boolean b) {
            return word(b ? "yes" : "no", lang);
        }
        if (value instanceof Number n) {
            NumberFormat nf = NumberFormat.getNumberInstance(lang.locale());
            nf.setMaximumFractionDigits(1);
            return nf.format(n);
        }
        if (value instanceof Instant i) {
            return date(i.atZone(zone).toLocalDate(), lang);
        }
        if (value instanceof LocalDate d) {
            return date(d, lang);
        }
        if (value instanceof Collection<?> c) {
            if (c.isEmpty()) {
                return word("none", lang);
            }
            return c.stream().map(o -> format(o, lang)).collect(Collectors.joining(", "));
        }
        if (value instanceof String s && ISO_DATE.matcher(s).matches()) {
            LocalDate d = parseDate(s);
            if (d != null) {
                return date(d, lang);
            }
        }
        return value.toString();
    }

    /** « 22 novembre 2026 », « 1er mars 2027 » / "22 November 2026". */
    public String date(LocalDate d, Lang lang) {
        if (lang == Lang.FR) {
            String day = d.getDayOfMonth() == 1 ? "1er" : String.valueOf(d.getDayOfMonth());
            return day + " " + DateTimeFormatter.ofPattern("MMMM yyyy", Locale.FRENCH).format(d);
        }
        return DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK).format(d);
    }

    private LocalDate parseDate(String s) {
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s);
            }
            if (s.endsWith("Z")) {
                return Instant.parse(s).atZone(zone).toLocalDate();
            }
            return OffsetDateTime.parse(s).atZoneSameInstant(zone).toLocalDate();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private String plural(Object value, String one, String other, Lang lang) {
        double n;
        if (value instanceof Number num) {
            n = num.doubleValue();
        } else if (value instanceof Collection<?> c) {
            n = c.size();
            value = c.size();
        } else {
            try {
                n = Double.parseDouble(value.toString());
            } catch (NumberFormatException e) {
                return value + " " + other;
            }
        }
        boolean singular = lang == Lang.FR ? Math.abs(n) < 2 : n == 1;
        return format(value, lang) + " " + (singular ? one : other);
    }

    private String word(String key, Lang lang) {
        return label(labels.words(), key, lang);
    }

    private static String label(Map<String, Phrase> map, String key, Lang lang) {
        Phrase p = map == null ? null : map.get(key);
        if (p == null) {
            throw new IllegalStateException("missing label " + key);
        }
        return p.in(lang);
    }

    /** Capital first letter, final full stop. */
    private static String sentence(String s) {
        if (s.isEmpty()) {
            return s;
        }
        String out = Character.toUpperCase(s.charAt(0)) + s.substring(1);
        return out.endsWith(".") ? out : out + ".";
    }
}
