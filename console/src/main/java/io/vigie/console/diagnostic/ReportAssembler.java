package io.vigie.console.diagnostic;

import io.vigie.checks.report.Finding;
import io.vigie.checks.scoring.ScoreResult;
import io.vigie.checks.text.Lang;
import io.vigie.console.diagnostic.Evaluation.DeviceEvidence;
import io.vigie.console.diagnostic.Evaluation.Freshness;
import io.vigie.console.diagnostic.Evaluation.ReviewedFinding;
import io.vigie.console.report.DiagnosticReport;
import io.vigie.console.store.DiagnosticStore;
import io.vigie.console.store.DiagnosticStore.Decision;
import io.vigie.console.store.DiagnosticStore.Diagnostic;
import io.vigie.console.store.Scope;
import io.vigie.console.store.StoreException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Turns an {@link Evaluation} into the {@link DiagnosticReport} the renderer prints.
 *
 * <ul>
 * <li>Date: the signature's day, or today while the diagnostic is open (Paris time).</li>
 * <li>Expert: the email of who signed it, else of who created it.</li>
 * <li>Annex: every device whose newest report counts (fresh or stale) with that report's findings, minus those the
 * expert dismissed or marked not applicable.</li>
 * <li>« Ce qui a changé »: the score of the organisation's previous diagnostic (the newest one created before this
 * one), when it can still be evaluated (its referential is carried by this build).</li>
 * </ul>
 *
 * <p>Calls block (store reads): not on an event loop.
 */
public final class ReportAssembler {

    static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    private final DiagnosticStore diagnostics;
    private final DiagnosticEvaluator evaluator;

    public ReportAssembler(DiagnosticStore diagnostics, DiagnosticEvaluator evaluator) {
        this.diagnostics = Objects.requireNonNull(diagnostics);
        this.evaluator = Objects.requireNonNull(evaluator);
    }

    /** Evaluates the diagnostic at {@code now} and assembles its report; not found outside the caller's tenant. */
    public DiagnosticReport report(Scope scope, UUID diagnosticId, Lang lang, Instant now) {
        return report(scope, evaluator.evaluate(scope, diagnosticId, now), lang, now);
    }

    public DiagnosticReport report(Scope scope, Evaluation ev, Lang lang, Instant now) {
        Diagnostic d = ev.diagnostic();
        LocalDate date = LocalDate.ofInstant(d.signed() ? d.signedAt() : now, ZONE);
        String expert = diagnostics.expertEmail(scope, d.id()).orElse(null);
        List<DiagnosticReport.Device> devices = new ArrayList<>();
        for (DeviceEvidence de : ev.devices()) {
            if (de.freshness() != Freshness.FRESH && de.freshness() != Freshness.STALE) {
                continue;
            }
            List<Finding> findings = new ArrayList<>();
            for (ReviewedFinding rf : de.findings()) {
                if (rf.review() == null || rf.review().decision() == Decision.CONFIRMED) {
                    findings.add(rf.finding());
                }
            }
            devices.add(new DiagnosticReport.Device(de.device().id().toString(), de.device().hostname(),
                    de.device().platform(), de.reportedAt(), findings));
        }
        return new DiagnosticReport(ev.organisation().name(), date, expert, lang, ev.referential(),
                evaluator.recommendations(), ev.score(), ev.plan(), devices, previous(scope, d, now), ev.proofs());
    }

    /** The previous diagnostic's score, or null when there is none or it cannot be evaluated any more. */
    ScoreResult previous(Scope scope, Diagnostic d, Instant now) {
        Diagnostic before = null;
        for (Diagnostic o : diagnostics.diagnostics(scope, d.organisationId())) {
            if (o.id().equals(d.id()) || !o.createdAt().isBefore(d.createdAt())) {
                continue;
            }
            if (before == null || o.createdAt().isAfter(before.createdAt())) {
                before = o;
            }
        }
        if (before == null) {
            return null;
        }
        try {
            return evaluator.evaluate(scope, before.id(), now).score();
        } catch (StoreException | IllegalArgumentException | IllegalStateException cannotScore) {
            return null;
        }
    }
}
