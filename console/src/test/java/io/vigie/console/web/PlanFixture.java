package io.vigie.console.web;

import io.vigie.checks.json.Json;
import io.vigie.checks.referential.Question;
import io.vigie.checks.referential.Referential;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.Report;
import io.vigie.checks.report.Severity;
import io.vigie.checks.report.Verdict;
import io.vigie.checks.rule.Catalogue;
import io.vigie.console.SampleReports;
import io.vigie.console.api.ConsoleFixture;
import io.vigie.console.diagnostic.DiagnosticEvaluator;
import io.vigie.console.diagnostic.Evaluation;
import io.vigie.console.store.DiagnosticStore;
import io.vigie.console.store.Enrolled;
import io.vigie.console.store.IngestResult;
import io.vigie.console.store.IssuedSecret;
import io.vigie.console.store.NewReport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A diagnostic of organisation A1 with a real plan: two devices whose reports FAIL the proof rules of measures
 * (end-of-life system → urgence on 5.2, no backup → urgence on 9.1, firewall off → 7.1), the owner's answers
 * through the link (every owner question at its lowest answer, remote work on: 8.4 applies), and the expert's
 * observation of 7.4 (one flat network). 5.2, 7.4 and 8.4 are large projects (effort 3).
 */
final class PlanFixture {

    static final String BACKUP_RULE = "VIG-BAK-001";
    static final String FIREWALL_RULE = "VIG-FW-001";
    static final String OS_RULE = "VIG-OS-001";

    final ConsoleFixture c;
    final DiagnosticStore ds;
    final Referential ref = Referential.builtin();
    Enrolled pc;
    Enrolled srv;
    UUID diagnosticId;
    final Map<UUID, String> hostnames = new LinkedHashMap<>();

    PlanFixture(ConsoleFixture c) {
        this.c = c;
        this.ds = c.store.diagnostics();
        c.setViewerA1Password();
        c.createExpertA();
    }

    Enrolled device(String hostname, String platform) {
        IssuedSecret code = c.store.tenants().createEnrollmentCode(c.adminA, c.a1.id(), c.clock.instant(), Duration.ofDays(1));
        Enrolled e = c.store.tenants().enroll(code.secret(), UUID.randomUUID(), hostname, platform, c.clock.instant());
        hostnames.put(e.device().deviceId(), hostname);
        return e;
    }

    /** Stores a report of {@code e} finished at {@code at} (received then too) with these console verdicts. */
    void report(Enrolled e, Instant at, Map<String, Verdict> verdicts) {
        UUID reportId = UUID.randomUUID();
        UUID deviceId = e.device().deviceId();
        Report sample = SampleReports.report(deviceId, reportId);
        Report r = new Report(sample.schemaVersion(), reportId, deviceId, hostnames.get(deviceId), sample.platform(),
                sample.agentVersion(), sample.catalogueVersion(), at.minusSeconds(5), at, sample.facts(), List.of(), null);
        List<Finding> findings = new ArrayList<>();
        Catalogue cat = Catalogue.builtin();
        verdicts.forEach((rule, v) -> {
            String theme = cat.metadata(rule).map(m -> m.theme()).orElse("T05");
            findings.add(new Finding(rule, v, v == Verdict.FAIL ? Severity.HIGH : null, theme,
                    v == Verdict.FAIL ? "test_fail" : "test_pass", Map.of(), List.of()));
        });
        String body;
        try {
            body = Json.mapper().writeValueAsString(r);
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
        assertEquals(IngestResult.STORED, c.store.reports().storeReport(e.device(), new NewReport(reportId, deviceId, 1,
                r.hostname(), r.platform(), r.agentVersion(), r.catalogueVersion(), r.startedAt(), r.finishedAt(), body,
                findings, cat.version(), findings), at));
    }

    static Map<String, Verdict> verdicts(Verdict os, Verdict backup, Verdict firewall) {
        Map<String, Verdict> m = new LinkedHashMap<>();
        m.put(OS_RULE, os);
        m.put(BACKUP_RULE, backup);
        m.put(FIREWALL_RULE, firewall);
        return m;
    }

    /** Devices, their first reports, the diagnostic, the owner's answers and the expert's observation. */
    PlanFixture build() {
        Instant now = c.clock.instant();
        pc = device("poste-accueil", "windows");
        srv = device("srv-compta", "linux");
        report(pc, now.minus(Duration.ofHours(2)), verdicts(Verdict.FAIL, Verdict.FAIL, Verdict.FAIL));
        report(srv, now.minus(Duration.ofHours(1)), verdicts(Verdict.PASS, Verdict.PASS, Verdict.FAIL));
        diagnosticId = ds.createDiagnostic(c.adminA, c.a1.id(), ref.id(), ref.version(), 2, 0, now).id();
        IssuedSecret link = ds.createOwnerLink(c.adminA, diagnosticId, now);
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("C1", "4");
        answers.put("C2", "2");
        answers.put("C3", "0");
        answers.put("C4", "2");
        answers.put("C5", "yes");
        answers.put("C6", "yes");
        answers.put("C7", "yes");
        answers.put("C8", "no");
        answers.put("C9", "no");
        answers.put("C10", "no");
        answers.put("C11", "nsp");
        for (Question q : ref.questions()) {
            if (q.audience() == Question.Audience.D) {
                answers.put(q.id(), q.answers().get(0).id());
            }
        }
        ds.saveOwnerAnswers(link.secret(), answers, now);
        ds.setObservation(c.adminA, diagnosticId, "7.4", "a", now);
        return this;
    }

    Evaluation evaluate() {
        return new DiagnosticEvaluator(c.store, ds).evaluate(c.adminA, diagnosticId, c.clock.instant());
    }

    String plan() {
        return "/diagnostics/" + diagnosticId + "/plan";
    }
}
