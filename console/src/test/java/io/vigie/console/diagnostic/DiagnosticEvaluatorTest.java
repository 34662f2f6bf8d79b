package io.vigie.console.diagnostic;

import io.vigie.checks.plan.Status;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.Severity;
import io.vigie.checks.report.Verdict;
import io.vigie.checks.scoring.Conflict;
import io.vigie.checks.scoring.QuestionResult;
import io.vigie.console.TestDatabases;
import io.vigie.console.TestDatabases.Backend;
import io.vigie.console.TestDatabases.TestDb;
import io.vigie.console.diagnostic.Evaluation.Freshness;
import io.vigie.console.store.DeviceIdentity;
import io.vigie.console.store.DiagnosticStore;
import io.vigie.console.store.DiagnosticStore.Decision;
import io.vigie.console.store.DiagnosticStore.Diagnostic;
import io.vigie.console.store.IssuedSecret;
import io.vigie.console.store.NewReport;
import io.vigie.console.store.Organisation;
import io.vigie.console.store.Role;
import io.vigie.console.store.Scope;
import io.vigie.console.store.StoreException;
import io.vigie.console.store.jdbc.JdbcDiagnosticStore;
import io.vigie.console.store.jdbc.JdbcStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stored diagnostic scored from the stores: the expert's counts as coverage, the expert's decisions on findings,
 * stale and ignored reports, a signed diagnostic's frozen score, and the plan's proofs from later reports. Expected
 * values are worked out by hand from referential.json (question 9.1: a=0, b=1, c=3; thresholds r ≥ 0.9 → 3,
 * r ≥ 0.5 → 1, else 0 — question 7.1: a=0, b=1.5, c=3; r = 1 → 3, r ≥ 0.5 → 1.5).
 */
class DiagnosticEvaluatorTest {

    static final Instant T0 = Instant.parse("2026-09-01T08:00:00Z");
    static final Duration DAY = Duration.ofDays(1);

    @TempDir
    Path tmp;

    JdbcStore store;
    DiagnosticStore diagnostics;
    DiagnosticEvaluator evaluator;
    Scope admin;
    Organisation org;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void evidenceReviewsCoverageAndFreshness(Backend backend) {
        try (TestDb db = TestDatabases.create(backend, tmp)) {
            setUp(db);
            DeviceIdentity a = enroll("pc-accueil");
            DeviceIdentity b = enroll("pc-compta");
            report(a, T0.minus(DAY), Map.of("VIG-BAK-001", Verdict.PASS, "VIG-FW-001", Verdict.PASS));
            report(b, T0.minus(DAY), Map.of("VIG-BAK-001", Verdict.FAIL, "VIG-FW-001", Verdict.PASS));

            // expert counted 2 computers: coverage 100 %
            Diagnostic d = diagnostics.createDiagnostic(admin, org.id(), "vigie-referential", "2026.11.1", 2, 0, T0);
            IssuedSecret link = diagnostics.createOwnerLink(admin, d.id(), T0);
            diagnostics.saveOwnerAnswers(link.secret(), Map.of("9.1", "c", "C2", "12"), T0);

            Evaluation e = evaluator.evaluate(admin, d.id(), T0);
            assertEquals("2", e.context().get("C2"), "the expert's count wins over the owner's 12");
            QuestionResult q91 = e.score().question("9.1");
            assertEquals(0.5, q91.measured().share());
            assertEquals(1.0, q91.measured().value(), "r = 1/2 → b (1)");
            assertEquals(1.0, q91.measured().coverage());
            assertFalse(q91.measured().capped());
            assertEquals(Conflict.OPTIMISTE, q91.conflict(), "the owner said c (3), the evidence says 1");
            assertEquals(3.0, e.score().question("7.1").measured().value());
            assertTrue(e.score().urgences().stream().anyMatch(u -> u.id().equals("no_recent_backup")
                    && u.devices().equals(List.of(b.deviceId().toString()))));
            assertTrue(e.devices().stream().allMatch(dev -> dev.freshness() == Freshness.FRESH));

            // a dismissal needs a reason, then leaves b's FAIL out
            assertThrows(StoreException.class, () -> diagnostics.reviewFinding(admin, d.id(), b.deviceId(), "VIG-BAK-001",
                    Decision.DISMISSED, " ", T0));
            diagnostics.reviewFinding(admin, d.id(), b.deviceId(), "VIG-BAK-001", Decision.DISMISSED,
                    "sauvegarde faite par le NAS, pas par ce poste", T0);
            e = evaluator.evaluate(admin, d.id(), T0);
            q91 = e.score().question("9.1");
            assertEquals(1, q91.measured().counted());
            assertEquals(3.0, q91.measured().value());
            assertNull(q91.conflict());
            assertTrue(e.score().urgences().stream().noneMatch(u -> u.id().equals("no_recent_backup")));

            // the expert counted 5 computers: 2/5 = 40 % < 80 %, measured answers capped at 1.5
            Diagnostic low = diagnostics.createDiagnostic(admin, org.id(), "vigie-referential", "2026.11.1", 5, 0, T0);
            Evaluation capped = evaluator.evaluate(admin, low.id(), T0);
            assertEquals(0.4, capped.score().question("7.1").measured().coverage(), 1e-9);
            assertEquals(1.5, capped.score().question("7.1").measured().value());
            assertTrue(capped.score().question("7.1").measured().capped());

            // 10 days later: stale (counted, lower confidence); 31 days later: ignored
            Evaluation stale = evaluator.evaluate(admin, d.id(), T0.plus(Duration.ofDays(10)));
            assertTrue(stale.devices().stream().allMatch(dev -> dev.freshness() == Freshness.STALE));
            assertTrue(stale.score().question("7.1").measured().stale());
            assertTrue(stale.score().grades().theme("T07").confidence()
                    < e.score().grades().theme("T07").confidence());
            Evaluation ignored = evaluator.evaluate(admin, d.id(), T0.plus(Duration.ofDays(31)));
            assertTrue(ignored.devices().stream().allMatch(dev -> dev.freshness() == Freshness.IGNORED));
            assertNull(ignored.score().question("7.1").measured());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void signOffsSignatureAndProofs(Backend backend) {
        try (TestDb db = TestDatabases.create(backend, tmp)) {
            setUp(db);
            DeviceIdentity a = enroll("pc-accueil");
            DeviceIdentity b = enroll("pc-compta");
            report(a, T0.minus(DAY), Map.of("VIG-BAK-001", Verdict.FAIL));
            report(b, T0.minus(DAY), Map.of("VIG-BAK-001", Verdict.PASS));
            Diagnostic d = diagnostics.createDiagnostic(admin, org.id(), "vigie-referential", "2026.11.1", 2, 0, T0);

            // signed off on the measured answer (b = 1, no reason needed), then the measure moves to 3
            diagnostics.signOff(admin, d.id(), "9.1", "b", null, T0);
            assertEquals(Set.of(), evaluator.evaluate(admin, d.id(), T0).staleSignOffs());
            diagnostics.reviewFinding(admin, d.id(), a.deviceId(), "VIG-BAK-001", Decision.NOT_APPLICABLE, null, T0);
            Evaluation moved = evaluator.evaluate(admin, d.id(), T0);
            assertEquals(Set.of("9.1"), moved.staleSignOffs(), "b now overrides a measured 3 without a reason");
            assertFalse(moved.score().question("9.1").signedOff());
            diagnostics.reviewFinding(admin, d.id(), a.deviceId(), "VIG-BAK-001", Decision.CONFIRMED, null, T0);

            // an override with its reason
            diagnostics.signOff(admin, d.id(), "9.1", "a", "la sauvegarde du serveur ne couvre pas la compta", T0);
            Evaluation e = evaluator.evaluate(admin, d.id(), T0);
            assertTrue(e.score().question("9.1").overridden());
            assertEquals(0.0, e.score().question("9.1").value());
            assertTrue(e.plan().items().stream().anyMatch(i -> i.questionId().equals("9.1")));

            diagnostics.track(admin, d.id(), "9.1", "Mme Martin", java.time.LocalDate.parse("2026-10-01"), io.vigie.checks.plan.Status.FAIT, T0);
            Instant signedAt = T0.plus(Duration.ofHours(2));
            diagnostics.sign(admin, d.id(), signedAt);
            StoreException locked = assertThrows(StoreException.class,
                    () -> diagnostics.signOff(admin, d.id(), "9.1", null, null, signedAt));
            assertEquals(StoreException.Kind.CONFLICT, locked.kind());

            // after the signature: both devices back up every few days for 30 days
            for (int day = 1; day <= 31; day += 3) {
                report(a, signedAt.plus(Duration.ofDays(day)), Map.of("VIG-BAK-001", Verdict.PASS));
                report(b, signedAt.plus(Duration.ofDays(day)), Map.of("VIG-BAK-001", Verdict.PASS));
            }
            Instant later = signedAt.plus(Duration.ofDays(32));
            Evaluation proven = evaluator.evaluate(admin, d.id(), later);
            assertEquals(0.0, proven.score().question("9.1").value(), "a signed score does not move");
            assertEquals(signedAt, proven.asOf());
            assertEquals(Status.VERIFIE, proven.plan().item("9.1").status());
            assertEquals("Mme Martin", proven.plan().item("9.1").owner());
            assertEquals("2026-10-01", proven.plan().item("9.1").deadline());
            assertEquals(signedAt.plus(DAY), proven.proofs().get("9.1").provenSince());

            // a later report contradicts it: back to what people said (fait)
            report(b, signedAt.plus(Duration.ofDays(33)), Map.of("VIG-BAK-001", Verdict.FAIL));
            Evaluation contradicted = evaluator.evaluate(admin, d.id(), signedAt.plus(Duration.ofDays(34)));
            assertEquals(Status.FAIT, contradicted.plan().item("9.1").status());
            assertEquals(signedAt.plus(Duration.ofDays(33)), contradicted.proofs().get("9.1").contradictedAt());

            // another tenant sees nothing
            Scope other = store.accounts().createUser(store.accounts().ensureProvider("Beta", T0), null, "x@b.example", "$argon2id$x",
                    Role.PROVIDER_ADMIN, T0).scope();
            StoreException nf = assertThrows(StoreException.class, () -> evaluator.evaluate(other, d.id(), later));
            assertEquals(StoreException.Kind.NOT_FOUND, nf.kind());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSignedDiagnosticsSummaryIsKeptUntilSomethingItReadsChanges(Backend backend) {
        try (TestDb db = TestDatabases.create(backend, tmp)) {
            setUp(db);
            DeviceIdentity a = enroll("pc-accueil");
            report(a, T0.minus(DAY), Map.of("VIG-BAK-001", Verdict.FAIL));
            Diagnostic d = diagnostics.createDiagnostic(admin, org.id(), "vigie-referential", "2026.11.1", 1, 0, T0);
            DiagnosticEvaluator.Summary open = evaluator.summary(admin, d.id(), T0);
            assertFalse(open.signed());
            assertTrue(open.priorities() > 0);
            assertTrue(open != evaluator.summary(admin, d.id(), T0), "an open diagnostic is evaluated afresh");

            diagnostics.sign(admin, d.id(), T0);
            DiagnosticEvaluator.Summary first = evaluator.summary(admin, d.id(), T0.plus(DAY));
            assertTrue(first.signed());
            assertEquals(0, first.done());
            assertTrue(first == evaluator.summary(admin, d.id(), T0.plus(DAY)), "nothing changed: kept");

            // a plan edit (audited) makes a new one
            diagnostics.track(admin, d.id(), "9.1", null, null, io.vigie.checks.plan.Status.FAIT, T0.plus(DAY));
            DiagnosticEvaluator.Summary tracked = evaluator.summary(admin, d.id(), T0.plus(DAY));
            assertEquals(1, tracked.done());
            // a new report makes a new one: 30 days of backups prove 9.1
            report(a, T0.plus(DAY), Map.of("VIG-BAK-001", Verdict.PASS));
            report(a, T0.plus(Duration.ofDays(32)), Map.of("VIG-BAK-001", Verdict.PASS));
            DiagnosticEvaluator.Summary proven = evaluator.summary(admin, d.id(), T0.plus(Duration.ofDays(33)));
            assertEquals(1, proven.verified());
            assertEquals(0, proven.done());
            // a revoked device makes a new one (same figures here, but not the same object)
            store.tenants().revokeDevice(admin, a.deviceId(), T0.plus(Duration.ofDays(33)));
            assertTrue(proven != evaluator.summary(admin, d.id(), T0.plus(Duration.ofDays(33))));

            // another tenant: not found, whatever is kept
            Scope other = store.accounts().createUser(store.accounts().ensureProvider("Beta", T0), null, "x@b.example", "$argon2id$x",
                    Role.PROVIDER_ADMIN, T0).scope();
            assertEquals(StoreException.Kind.NOT_FOUND, assertThrows(StoreException.class,
                    () -> evaluator.summary(other, d.id(), T0)).kind());
        }
    }

    /**
     * Issue 16 §1: a signed diagnostic takes the reports that ARRIVED before its signature. A report collected before
     * the signature (by the agent's clock) but imported after it does not move the signed grade, themes or urgences.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void aReportCollectedBeforeTheSignatureButImportedAfterDoesNotMoveIt(Backend backend) {
        try (TestDb db = TestDatabases.create(backend, tmp)) {
            setUp(db);
            DeviceIdentity a = enroll("pc-accueil");
            report(a, T0.minus(DAY), Map.of("VIG-BAK-001", Verdict.FAIL));
            Diagnostic d = diagnostics.createDiagnostic(admin, org.id(), "vigie-referential", "2026.11.1", 1, 0, T0);
            Instant signedAt = T0.plus(Duration.ofHours(2));
            diagnostics.sign(admin, d.id(), signedAt);
            Evaluation signed = evaluator.evaluate(admin, d.id(), signedAt);
            assertEquals(0.0, signed.score().question("9.1").measured().value());
            assertTrue(signed.score().urgences().stream().anyMatch(u -> u.id().equals("no_recent_backup")));

            // collected an hour before the signature, carried on a USB key and imported the next day
            report(a, T0.plus(Duration.ofHours(1)), signedAt.plus(DAY), Map.of("VIG-BAK-001", Verdict.PASS));
            Evaluation later = evaluator.evaluate(admin, d.id(), signedAt.plus(Duration.ofDays(2)));
            assertEquals(0.0, later.score().question("9.1").measured().value(), "the signed measure did not move");
            assertEquals(signed.score().grades().global(), later.score().grades().global());
            assertEquals(signed.score().grades().theme("T09").grade(), later.score().grades().theme("T09").grade());
            assertEquals(signed.score().urgences(), later.score().urgences());
            assertEquals(T0.minus(DAY), later.devices().get(0).reportedAt(), "the evidence is the report signed on");

            // an open diagnostic takes it (it has arrived)
            Diagnostic open = diagnostics.createDiagnostic(admin, org.id(), "vigie-referential", "2026.11.1", 1, 0,
                    signedAt.plus(DAY));
            assertEquals(3.0, evaluator.evaluate(admin, open.id(), signedAt.plus(Duration.ofDays(2)))
                    .score().question("9.1").measured().value());
        }
    }

    /**
     * Issue 24 item 16: an agent whose clock is a year ahead. Its report counts from its arrival (ReportClock clamps
     * it), instead of being left out of the evidence as "not yet made".
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void aReportFromAClockAheadCountsFromItsArrival(Backend backend) {
        try (TestDb db = TestDatabases.create(backend, tmp)) {
            setUp(db);
            DeviceIdentity a = enroll("pc-accueil");
            Instant arrived = T0.minus(Duration.ofHours(1));
            report(a, T0.plus(Duration.ofDays(365)), arrived, Map.of("VIG-BAK-001", Verdict.FAIL));
            Diagnostic d = diagnostics.createDiagnostic(admin, org.id(), "vigie-referential", "2026.11.1", 1, 0, T0);
            Evaluation e = evaluator.evaluate(admin, d.id(), T0);
            assertEquals(Freshness.FRESH, e.devices().get(0).freshness());
            assertEquals(arrived, e.devices().get(0).reportedAt());
            assertEquals(0.0, e.score().question("9.1").measured().value());
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aReferentialVersionThisBuildDoesNotCarryIsRefused(Backend backend) {
        try (TestDb db = TestDatabases.create(backend, tmp)) {
            setUp(db);
            Diagnostic d = diagnostics.createDiagnostic(admin, org.id(), "vigie-referential", "1999.1", 1, 0, T0);
            StoreException e = assertThrows(StoreException.class, () -> evaluator.evaluate(admin, d.id(), T0));
            assertEquals(StoreException.Kind.GONE, e.kind());
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    @org.junit.jupiter.api.AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
            store = null;
        }
    }

    private void setUp(TestDb db) {
        store = new JdbcStore(db.open());
        diagnostics = store.diagnostics();
        evaluator = new DiagnosticEvaluator(store, diagnostics);
        UUID p = store.accounts().ensureProvider("Alpha", T0.minus(Duration.ofDays(60)));
        admin = store.accounts().createUser(p, null, "expert@a.example", "$argon2id$x", Role.PROVIDER_ADMIN, T0.minus(Duration.ofDays(60))).scope();
        org = store.tenants().createOrganisation(admin, "Boulangerie Martin", T0.minus(Duration.ofDays(60)));
    }

    private DeviceIdentity enroll(String hostname) {
        Instant at = T0.minus(Duration.ofDays(40));
        IssuedSecret code = store.tenants().createEnrollmentCode(admin, org.id(), at, Duration.ofDays(1));
        return store.tenants().enroll(code.secret(), UUID.randomUUID(), hostname, "linux", at).device();
    }

    private void report(DeviceIdentity device, Instant finishedAt, Map<String, Verdict> verdicts) {
        report(device, finishedAt, finishedAt.plusSeconds(1), verdicts);
    }

    /** A report the agent finished at {@code finishedAt} (its clock) that the console received at {@code receivedAt}. */
    private void report(DeviceIdentity device, Instant finishedAt, Instant receivedAt, Map<String, Verdict> verdicts) {
        List<Finding> findings = new ArrayList<>();
        verdicts.forEach((rule, v) -> findings.add(new Finding(rule, v, v == Verdict.FAIL ? Severity.HIGH : null,
                rule.startsWith("VIG-BAK") ? "T09" : "T07", "x", Map.of(), List.of())));
        UUID id = UUID.randomUUID();
        store.reports().storeReport(device, new NewReport(id, device.deviceId(), 1, "h", "linux", "1.0", "1", finishedAt.minusSeconds(2),
                finishedAt, "{}", findings, "1", findings), receivedAt);
    }

}
