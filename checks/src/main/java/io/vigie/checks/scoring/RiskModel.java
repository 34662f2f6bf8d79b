package io.vigie.checks.scoring;

import io.vigie.checks.json.Json;
import io.vigie.checks.referential.LocalText;
import io.vigie.checks.referential.Question;
import io.vigie.checks.report.Severity;
import io.vigie.checks.text.Lang;
import io.vigie.checks.text.Texts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one risk model behind urgences, the plan's order (« 6 mesures en 6 mois ») and the owner's « par où
 * commencer » (issue 16 §2). Its numbers are versioned data ({@value #RESOURCE}) naming their sources.
 *
 * <p>Risk of a measure = S × extent × W × X:
 * <ul>
 * <li>W: the referential's weight of the question (0.5–3);</li>
 * <li>when the final answer is measured by the agent: S = the factor of the worst FAIL severity among the devices
 * counted (a FAIL with no recorded severity counts as {@code unrecordedSeverity}), extent = share of those devices
 * failing; a measured answer below its best with no device failing (low coverage cap) counts as unknown;</li>
 * <li>when it is an answer (owner, expert, sign-off): S = the factor of the question's {@code answerSeverity},
 * extent = (best − v) / best; unanswered or « je ne sais pas »: × {@code unknownFactor};</li>
 * <li>X = {@code exposureFactor} when a fact shows live exposure, else 1.</li>
 * </ul>
 * An urgence is raised by a FAIL only when its severity is at least {@code urgentFrom}.
 */
public record RiskModel(String version, List<Map<String, String>> sources, Map<String, Double> severityFactors,
                        Severity urgentFrom, Severity unrecordedSeverity, double unknownFactor, double exposureFactor,
                        AnswerSeverity answerSeverity, Map<String, String> rationale,
                        Map<String, LocalText> explanations) {

    public static final String RESOURCE = "/io/vigie/checks/scoring/risk.json";

    public RiskModel {
        Objects.requireNonNull(urgentFrom, "urgentFrom");
        Objects.requireNonNull(unrecordedSeverity, "unrecordedSeverity");
        Objects.requireNonNull(answerSeverity, "answerSeverity");
        sources = sources == null ? List.of() : List.copyOf(sources);
        severityFactors = Map.copyOf(severityFactors);
        rationale = rationale == null ? Map.of() : Map.copyOf(rationale);
        explanations = Map.copyOf(explanations);
        for (Severity s : Severity.values()) {
            if (!severityFactors.containsKey(s.json())) {
                throw new IllegalArgumentException("risk model: no factor for severity " + s.json());
            }
        }
        for (String k : List.of("urgent", "measured", "answered", "unknown")) {
            if (!explanations.containsKey(k)) {
                throw new IllegalArgumentException("risk model: no explanation '" + k + "'");
            }
        }
    }

    /** Severity of a weakness known from an answer: {@code default} unless the question is listed. */
    public record AnswerSeverity(Severity defaultSeverity, List<String> critical, List<String> high, List<String> low) {

        @com.fasterxml.jackson.annotation.JsonCreator
        public AnswerSeverity(@com.fasterxml.jackson.annotation.JsonProperty("default") Severity defaultSeverity,
                              @com.fasterxml.jackson.annotation.JsonProperty("critical") List<String> critical,
                              @com.fasterxml.jackson.annotation.JsonProperty("high") List<String> high,
                              @com.fasterxml.jackson.annotation.JsonProperty("low") List<String> low) {
            this.defaultSeverity = Objects.requireNonNull(defaultSeverity, "answerSeverity.default");
            this.critical = critical == null ? List.of() : List.copyOf(critical);
            this.high = high == null ? List.of() : List.copyOf(high);
            this.low = low == null ? List.of() : List.copyOf(low);
        }

        public Severity of(String questionId) {
            if (critical.contains(questionId)) {
                return Severity.CRITICAL;
            }
            if (high.contains(questionId)) {
                return Severity.HIGH;
            }
            if (low.contains(questionId)) {
                return Severity.LOW;
            }
            return defaultSeverity;
        }
    }

    /** Where a measure's risk comes from. */
    public enum Basis {
        /** the agent's findings */
        MEASURED,
        /** an answer of the owner or the expert */
        ANSWERED,
        /** unanswered or « je ne sais pas » */
        UNKNOWN
    }

    /**
     * One measure's risk and its parts.
     *
     * @param value    S × extent × W × X
     * @param basis    where it comes from
     * @param severity S's severity word
     * @param extent   share of devices failing, or (best − v)/best, × unknownFactor when unknown
     * @param weight   W
     * @param exposure X applied
     * @param failing  devices failing (measured basis; 0 otherwise)
     * @param counted  devices counted (measured basis; 0 otherwise)
     */
    public record Risk(double value, Basis basis, Severity severity, double extent, double weight, boolean exposure,
                       int failing, int counted) {
    }

    public static RiskModel builtin() {
        return Holder.BUILTIN;
    }

    private static final class Holder {
        static final RiskModel BUILTIN = load(RiskModel.class.getResourceAsStream(RESOURCE));
    }

    public static RiskModel load(InputStream json) {
        if (json == null) {
            throw new IllegalStateException("risk model resource not found: " + RESOURCE);
        }
        try (InputStream in = json) {
            return Json.mapper().readValue(in, RiskModel.class);
        } catch (IOException e) {
            throw new UncheckedIOException("risk model unreadable", e);
        }
    }

    /** S of a severity word; null (not recorded) counts as {@code unrecordedSeverity}. */
    public double factor(Severity s) {
        return severityFactors.get(recorded(s).json());
    }

    /** A FAIL's severity, a missing one read as {@code unrecordedSeverity}. */
    public Severity recorded(Severity s) {
        return s == null ? unrecordedSeverity : s;
    }

    /** Whether a FAIL of this severity (null: not recorded) raises its urgence. */
    public boolean urgent(Severity s) {
        return recorded(s).atLeast(urgentFrom);
    }

    /** The risk of the measure of {@code q}, resolved as {@code r}; null when it emits no measure. */
    public Risk risk(Question q, QuestionResult r) {
        if (r.excluded() || r.value() == null || r.value() >= q.best()) {
            return null;
        }
        double w = q.weight();
        double x = r.liveExposure() ? exposureFactor : 1.0;
        double gap = (q.best() - r.value()) / q.best();
        Measured m = r.measured();
        if (r.source() == Source.MEASURED && m != null && m.counted() > m.compliant()) {
            int failing = m.counted() - m.compliant();
            double extent = (double) failing / m.counted();
            Severity s = recorded(m.worstFail());
            return new Risk(factor(s) * extent * w * x, Basis.MEASURED, s, extent, w, x > 1, failing, m.counted());
        }
        Severity s = answerSeverity.of(q.id());
        boolean unknown = r.toVerify() || r.source() == Source.MEASURED; // measured below best, nobody failing: capped
        double extent = unknown ? gap * unknownFactor : gap;
        return new Risk(factor(s) * extent * w * x, unknown ? Basis.UNKNOWN : Basis.ANSWERED, s, extent, w, x > 1, 0, 0);
    }

    /** One sentence saying why a measure stands where it does, in {@code lang}. */
    public String explain(Risk risk, boolean urgent, Lang lang) {
        String key = urgent ? "urgent" : switch (risk.basis()) {
            case MEASURED -> "measured";
            case ANSWERED -> "answered";
            case UNKNOWN -> "unknown";
        };
        String weight = BigDecimal.valueOf(risk.weight()).stripTrailingZeros().toPlainString();
        return explanations.get(key).in(lang)
                .replace("{severity}", Texts.builtin().severityLabel(risk.severity(), lang))
                .replace("{failing}", Integer.toString(risk.failing()))
                .replace("{counted}", Integer.toString(risk.counted()))
                .replace("{weight}", lang == Lang.FR ? weight.replace('.', ',') : weight);
    }

    /** Severity factors by enum, for tests and display. */
    public Map<Severity, Double> factors() {
        Map<Severity, Double> out = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            out.put(s, severityFactors.get(s.json()));
        }
        return out;
    }
}
