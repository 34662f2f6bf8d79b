package io.vigie.checks.plan;

import io.vigie.checks.json.Json;
import io.vigie.checks.referential.LocalText;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The measures of the action plan as content ({@code io/vigie/checks/plan/recommendations.json}): one per question,
 * in French and English, with criticality, effort, cost band, default owner, public guidance links and, where agent
 * evidence can prove it, a proof (rules + duration).
 */
public record Recommendations(String version, String referential, Map<String, LocalText> owners,
                              Map<String, Link> links, List<Recommendation> recommendations) {

    public static final String RESOURCE = "/io/vigie/checks/plan/recommendations.json";

    public Recommendations {
        owners = owners == null ? Map.of() : Map.copyOf(owners);
        links = links == null ? Map.of() : Map.copyOf(links);
        recommendations = recommendations == null ? List.of() : List.copyOf(recommendations);
    }

    /** A public guidance page. */
    public record Link(String url, String fr, String en) {
    }

    /** Title, why it matters, how to do it. */
    public record MeasureText(String title, String why, String how) {
    }

    /** Closure proof: every device reporting PASS on {@code rules} (no FAIL) for {@code days} days. */
    public record Proof(List<String> rules, int days) {
        public Proof {
            rules = rules == null ? List.of() : List.copyOf(rules);
        }
    }

    /**
     * The measure for one question.
     *
     * @param criticality   C, 1–5 (socle themes: 5)
     * @param effort        Ef, 1 quick win · 2 moderate · 3 project
     * @param cost          €, €€ or €€€
     * @param owner         default owner role ({@code dirigeant}, {@code prestataire})
     * @param niveau1       texts by language code for answers v ≤ 1
     * @param niveau2       texts for 1 &lt; v &lt; best (absent: niveau 1 texts are used)
     * @param levelByAnswer level forced for an answer id, overriding the v ≤ 1 rule
     */
    public record Recommendation(String question, int criticality, int effort, String cost, String owner,
                                 List<String> links, Map<String, MeasureText> niveau1, Map<String, MeasureText> niveau2,
                                 Proof proof, Map<String, Integer> levelByAnswer) {
        public Recommendation {
            links = links == null ? List.of() : List.copyOf(links);
            niveau1 = niveau1 == null ? Map.of() : Map.copyOf(niveau1);
            niveau2 = niveau2 == null ? Map.of() : Map.copyOf(niveau2);
            levelByAnswer = levelByAnswer == null ? Map.of() : Map.copyOf(levelByAnswer);
        }

        /** Texts of a level in a language ({@code fr}, {@code en}); level 2 falls back to level 1. */
        public MeasureText text(int level, String lang) {
            MeasureText t = level == 2 ? niveau2.get(lang) : null;
            return t != null ? t : niveau1.get(lang);
        }
    }

    public static Recommendations builtin() {
        return Holder.BUILTIN;
    }

    private static final class Holder {
        static final Recommendations BUILTIN = load(Recommendations.class.getResourceAsStream(RESOURCE));
    }

    public static Recommendations load(InputStream json) {
        if (json == null) {
            throw new IllegalStateException("recommendations resource not found: " + RESOURCE);
        }
        try (InputStream in = json) {
            return Json.mapper().readValue(in, Recommendations.class);
        } catch (IOException e) {
            throw new UncheckedIOException("recommendations unreadable", e);
        }
    }

    public Optional<Recommendation> forQuestion(String questionId) {
        return recommendations.stream().filter(r -> r.question().equals(questionId)).findFirst();
    }
}
