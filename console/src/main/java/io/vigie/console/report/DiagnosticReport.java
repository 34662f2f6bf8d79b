package io.vigie.console.report;

import io.vigie.checks.plan.ActionPlan;
import io.vigie.checks.plan.Recommendations;
import io.vigie.checks.plan.Verification;
import io.vigie.checks.referential.Referential;
import io.vigie.checks.report.Finding;
import io.vigie.checks.scoring.ScoreResult;
import io.vigie.checks.text.Lang;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the diagnostic report shows, as input to {@link ReportRenderer}. Pure data: the caller (the console's
 * diagnostic workflow) scores the assessment, builds the plan and gathers each device's latest findings.
 *
 * @param organisation    the audited business
 * @param date            date of the diagnostic (restitution)
 * @param expert          the expert who ran it
 * @param lang            report language (French by default)
 * @param referential     the referential the score was computed with
 * @param recommendations the measures' texts (why, how)
 * @param score           the scored diagnostic
 * @param plan            the action plan built from {@code score}
 * @param devices         devices with their latest findings (technical annex)
 * @param previous        the previous diagnostic's score, or null (then no « ce qui a changé » section)
 * @param proofs          by question id, the proof reading of measures resting on agent evidence (« vérifié »
 *                        since, contradicted on); empty when not known
 */
public record DiagnosticReport(
        String organisation,
        LocalDate date,
        String expert,
        Lang lang,
        Referential referential,
        Recommendations recommendations,
        ScoreResult score,
        ActionPlan plan,
        List<Device> devices,
        ScoreResult previous,
        Map<String, Verification.Result> proofs) {

    /** A report without proof readings. */
    public DiagnosticReport(String organisation, LocalDate date, String expert, Lang lang, Referential referential,
                            Recommendations recommendations, ScoreResult score, ActionPlan plan, List<Device> devices,
                            ScoreResult previous) {
        this(organisation, date, expert, lang, referential, recommendations, score, plan, devices, previous, Map.of());
    }

    public DiagnosticReport {
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(referential, "referential");
        Objects.requireNonNull(recommendations, "recommendations");
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(plan, "plan");
        lang = lang == null ? Lang.DEFAULT : lang;
        devices = devices == null ? List.of() : List.copyOf(devices);
        proofs = proofs == null ? Map.of() : Map.copyOf(proofs);
    }

    /** This report in another language. */
    public DiagnosticReport in(Lang other) {
        return new DiagnosticReport(organisation, date, expert, other, referential, recommendations, score, plan,
                devices, previous, proofs);
    }

    /**
     * One device of the annex.
     *
     * @param deviceId   the id used in the score (urgences list device ids)
     * @param hostname   machine name shown to people
     * @param platform   {@code windows}, {@code macos}, {@code linux}
     * @param reportedAt when its latest report was made (null: unknown)
     * @param findings   the console's latest findings for it, with their evidence
     */
    public record Device(String deviceId, String hostname, String platform, Instant reportedAt, List<Finding> findings) {
        public Device {
            Objects.requireNonNull(deviceId, "deviceId");
            findings = findings == null ? List.of() : List.copyOf(findings);
        }
    }
}
