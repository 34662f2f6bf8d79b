package io.vigie.console.store;

import io.vigie.console.TestDatabases;
import io.vigie.console.TestDatabases.Backend;
import io.vigie.console.TestDatabases.TestDb;
import io.vigie.console.store.DiagnosticStore.AuditEntry;
import io.vigie.console.store.DiagnosticStore.Decision;
import io.vigie.console.store.DiagnosticStore.Diagnostic;
import io.vigie.console.store.jdbc.JdbcDiagnosticStore;
import io.vigie.console.store.jdbc.JdbcStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link DiagnosticStore} on each backend (V4__diagnostic.sql and V5__review.sql must run unchanged on both). */
class DiagnosticStoreTest {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path tmp;

    DiagnosticStore d;
    /** Provider Alpha, its admin and its two organisations. */
    UUID p;
    Scope admin;
    Organisation org;
    Organisation org2;
    /** The admin of another provider, Beta. */
    Scope other;

    /** Two providers on a fresh store: Alpha (admin, organisations « Org » and « Org 2 ») and Beta (admin). */
    void tenants(JdbcStore store) {
        d = store.diagnostics();
        p = store.accounts().ensureProvider("Alpha", T0);
        UUID q = store.accounts().ensureProvider("Beta", T0);
        admin = store.accounts().createUser(p, null, "admin@a.example", "$argon2id$x", Role.PROVIDER_ADMIN, T0).scope();
        other = store.accounts().createUser(q, null, "admin@b.example", "$argon2id$x", Role.PROVIDER_ADMIN, T0).scope();
        org = store.tenants().createOrganisation(admin, "Org", T0);
        org2 = store.tenants().createOrganisation(admin, "Org 2", T0);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void diagnosticsAreScopedAndTheOwnerLinkWritesAnswersWithAudit(Backend backend) {
        try (TestDb db = TestDatabases.create(backend, tmp); JdbcStore store = new JdbcStore(db.open())) {
            tenants(store);
            Scope viewer = store.accounts().createUser(p, org2.id(), "v@a.example", null, Role.CUSTOMER_VIEWER, T0).scope();

            Diagnostic diag = d.createDiagnostic(admin, org.id(), "vigie-referential", "1.0", 4, 1, T0);
            assertEquals(List.of(diag), d.diagnostics(admin, org.id()));
            assertTrue(d.diagnostic(other, diag.id()).isEmpty(), "another provider");
            assertTrue(d.diagnostic(viewer, diag.id()).isEmpty(), "a viewer of another organisation");
            assertThrows(StoreException.class, () -> d.createDiagnostic(other, org.id(), "r", "1", 1, 1, T0));
            StoreException forbidden = assertThrows(StoreException.class,
                    () -> d.createDiagnostic(viewer, org2.id(), "r", "1", 1, 1, T0));
            assertEquals(StoreException.Kind.FORBIDDEN, forbidden.kind());
            assertThrows(StoreException.class, () -> d.createOwnerLink(other, diag.id(), T0));

            IssuedSecret link = d.createOwnerLink(admin, diag.id(), T0);
            assertEquals(T0.plus(Duration.ofDays(DiagnosticStore.DEFAULT_OWNER_LINK_DAYS)), link.expiresAt());
            assertEquals(diag.id(), d.ownerAccess(link.secret(), T0).orElseThrow().diagnosticId());
            assertTrue(d.ownerAccess("not-a-link", T0).isEmpty());
            Map<String, String> answers = new LinkedHashMap<>();
            answers.put("C5", "no");
            answers.put("1.1", "b");
            d.saveOwnerAnswers(link.secret(), answers, T0.plusSeconds(10));
            d.saveOwnerAnswers(link.secret(), Map.of("1.1", "c", "C5", "no"), T0.plusSeconds(20));
            assertEquals(Map.of("C5", "no", "1.1", "c"), d.ownerAnswers(admin, diag.id()));
            List<AuditEntry> audit = d.audit(admin, diag.id());
            assertEquals(3, audit.size(), audit.toString());
            assertEquals("1.1", audit.get(0).what());
            assertEquals("b", audit.get(0).before());
            assertEquals("c", audit.get(0).after());
            assertEquals(DiagnosticStore.OWNER_LINK, audit.get(0).whoKind());
            assertNull(audit.get(2).before());

            // expired: nothing is read or written
            Instant late = link.expiresAt().plusSeconds(1);
            assertTrue(d.ownerAccess(link.secret(), late).isEmpty());
            assertThrows(StoreException.class, () -> d.saveOwnerAnswers(link.secret(), Map.of("1.2", "a"), late));
            assertEquals(3, d.audit(admin, diag.id()).size());

            d.setOwnerLinkDays(admin, 3);
            assertEquals(T0.plus(Duration.ofDays(3)), d.createOwnerLink(admin, diag.id(), T0).expiresAt());
            assertEquals(DiagnosticStore.DEFAULT_OWNER_LINK_DAYS, d.ownerLinkDays(other));
        }
    }

    /** The expert review's writes: scoped, staff only, validated, audited, and locked once the diagnostic is signed. */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void reviewWritesAreScopedValidatedAuditedAndLockedBySignature(Backend backend) {
        try (TestDb db = TestDatabases.create(backend, tmp); JdbcStore store = new JdbcStore(db.open())) {
            tenants(store);
            Scope viewer = store.accounts().createUser(p, org.id(), "v@a.example", null, Role.CUSTOMER_VIEWER, T0).scope();
            IssuedSecret code = store.tenants().createEnrollmentCode(admin, org.id(), T0, Duration.ofDays(1));
            UUID device = UUID.randomUUID();
            store.tenants().enroll(code.secret(), device, "poste-1", "linux", T0);
            IssuedSecret code2 = store.tenants().createEnrollmentCode(admin, org2.id(), T0, Duration.ofDays(1));
            UUID foreignDevice = UUID.randomUUID();
            store.tenants().enroll(code2.secret(), foreignDevice, "poste-2", "linux", T0);
            Diagnostic diag = d.createDiagnostic(admin, org.id(), "vigie-referential", "1.0", 1, 0, T0);
            UUID id = diag.id();
            Instant t1 = T0.plusSeconds(60);

            // tenancy: another provider sees nothing and changes nothing (not found)
            assertKind(StoreException.Kind.NOT_FOUND, () -> d.expertAnswers(other, id));
            assertKind(StoreException.Kind.NOT_FOUND, () -> d.setObservation(other, id, "5.1", "a", t1));
            assertKind(StoreException.Kind.NOT_FOUND, () -> d.signOff(other, id, "5.1", null, null, t1));
            assertKind(StoreException.Kind.NOT_FOUND, () -> d.reviewFinding(other, id, device, "VIG-UPD-001",
                    Decision.CONFIRMED, null, t1));
            assertKind(StoreException.Kind.NOT_FOUND, () -> d.sign(other, id, t1));
            assertKind(StoreException.Kind.NOT_FOUND, () -> d.revokeOwnerLinks(other, id, t1));
            // the organisation's viewer reads, but may not write
            assertTrue(d.expertAnswers(viewer, id).isEmpty());
            assertKind(StoreException.Kind.FORBIDDEN, () -> d.setObservation(viewer, id, "5.1", "a", t1));
            assertKind(StoreException.Kind.FORBIDDEN, () -> d.signOff(viewer, id, "5.1", null, null, t1));
            assertKind(StoreException.Kind.FORBIDDEN, () -> d.reviewFinding(viewer, id, device, "VIG-UPD-001",
                    Decision.CONFIRMED, null, t1));
            assertKind(StoreException.Kind.FORBIDDEN, () -> d.sign(viewer, id, t1));
            assertKind(StoreException.Kind.FORBIDDEN, () -> d.revokeOwnerLinks(viewer, id, t1));
            // validation: ids, reasons, devices of the organisation only
            assertKind(StoreException.Kind.INVALID, () -> d.setObservation(admin, id, "5.1'; --", "a", t1));
            assertKind(StoreException.Kind.INVALID, () -> d.reviewFinding(admin, id, device, "VIG-UPD-001",
                    Decision.DISMISSED, "  ", t1));
            assertKind(StoreException.Kind.INVALID, () -> d.reviewFinding(admin, id, device, "bad rule",
                    Decision.CONFIRMED, null, t1));
            assertKind(StoreException.Kind.INVALID, () -> d.signOff(admin, id, "5.1", "c", "x".repeat(2001), t1));
            assertKind(StoreException.Kind.NOT_FOUND, () -> d.reviewFinding(admin, id, foreignDevice, "VIG-UPD-001",
                    Decision.CONFIRMED, null, t1));
            assertTrue(d.audit(admin, id).isEmpty(), "nothing refused was written");
            assertTrue(d.findingReviews(admin, id).isEmpty());

            // writes, each audited with who, before, after, detail
            d.setObservation(admin, id, "7.2", "a", t1);
            d.setObservation(admin, id, "7.2", "a", t1); // unchanged: no new row
            d.signOff(admin, id, "5.1", "c", " agent absent des postes de caisse ", t1.plusSeconds(1));
            d.reviewFinding(admin, id, device, "VIG-UPD-001", Decision.DISMISSED, "faux positif", t1.plusSeconds(2));
            d.reviewFinding(admin, id, device, "VIG-UPD-001", Decision.NOT_APPLICABLE, null, t1.plusSeconds(3));
            d.withdrawSignOff(admin, id, "5.1", t1.plusSeconds(4));
            d.signOff(admin, id, "5.1", null, null, t1.plusSeconds(5));
            Map<String, DiagnosticStore.ExpertAnswer> ea = d.expertAnswers(viewer, id);
            assertEquals("a", ea.get("7.2").observed());
            assertTrue(ea.get("5.1").signedOff());
            assertNull(ea.get("5.1").signOffAnswer(), "the proposal accepted");
            List<DiagnosticStore.FindingReview> reviews = d.findingReviews(admin, id);
            assertEquals(1, reviews.size());
            assertEquals(Decision.NOT_APPLICABLE, reviews.get(0).decision());
            assertEquals("admin@a.example", reviews.get(0).reviewerEmail());
            List<AuditEntry> audit = d.audit(admin, id);
            assertEquals(6, audit.size(), audit.toString());
            assertEquals(new AuditEntry(t1.plusSeconds(5), "user", "admin@a.example", "signoff", "5.1", null, "accepted", null),
                    audit.get(0));
            assertEquals(new AuditEntry(t1.plusSeconds(4), "user", "admin@a.example", "signoff", "5.1", "c", null, null),
                    audit.get(1));
            assertEquals(new AuditEntry(t1.plusSeconds(3), "user", "admin@a.example", "finding", "VIG-UPD-001", "DISMISSED",
                    "NOT_APPLICABLE", "poste-1"), audit.get(2));
            assertEquals(new AuditEntry(t1.plusSeconds(2), "user", "admin@a.example", "finding", "VIG-UPD-001", null,
                    "DISMISSED", "poste-1 — faux positif"), audit.get(3));
            assertEquals(new AuditEntry(t1.plusSeconds(1), "user", "admin@a.example", "signoff", "5.1", null, "c",
                    "agent absent des postes de caisse"), audit.get(4));
            assertEquals(new AuditEntry(t1, "user", "admin@a.example", "observation", "7.2", null, "a", null), audit.get(5));

            // owner links: revoked at once, audited with the count
            IssuedSecret link = d.createOwnerLink(admin, id, t1);
            assertEquals(1, d.revokeOwnerLinks(admin, id, t1.plusSeconds(6)));
            assertTrue(d.ownerAccess(link.secret(), t1.plusSeconds(7)).isEmpty());
            assertEquals(0, d.revokeOwnerLinks(admin, id, t1.plusSeconds(7)), "nothing live any more");
            assertEquals("link", d.audit(admin, id).get(0).kind());

            // swaps: at most MAX_SWAPS, each needs a reason
            assertKind(StoreException.Kind.INVALID, () -> d.addSwap(admin, id, "5.1", "9.1", " ", t1));
            for (int i = 0; i < DiagnosticStore.MAX_SWAPS; i++) {
                d.addSwap(admin, id, "5.1", "9.1", "budget " + i, t1.plusSeconds(10 + i));
            }
            assertKind(StoreException.Kind.CONFLICT, () -> d.addSwap(admin, id, "5.1", "9.1", "encore", t1.plusSeconds(20)));
            assertEquals(DiagnosticStore.MAX_SWAPS, d.swaps(admin, id).size());
            assertKind(StoreException.Kind.NOT_FOUND, () -> d.swaps(other, id));

            // the signature: once, then every review write is refused
            int rows = d.audit(admin, id).size();
            d.sign(admin, id, t1.plusSeconds(30));
            Diagnostic signed = d.diagnostic(admin, id).orElseThrow();
            assertEquals(t1.plusSeconds(30), signed.signedAt());
            assertEquals(admin.userId(), signed.signedBy());
            assertEquals("signature", d.audit(admin, id).get(0).kind());
            assertKind(StoreException.Kind.CONFLICT, () -> d.sign(admin, id, t1.plusSeconds(31)));
            assertKind(StoreException.Kind.CONFLICT, () -> d.setObservation(admin, id, "7.2", "b", t1.plusSeconds(31)));
            assertKind(StoreException.Kind.CONFLICT, () -> d.signOff(admin, id, "7.2", "b", "x", t1.plusSeconds(31)));
            assertKind(StoreException.Kind.CONFLICT, () -> d.withdrawSignOff(admin, id, "5.1", t1.plusSeconds(31)));
            assertKind(StoreException.Kind.CONFLICT, () -> d.reviewFinding(admin, id, device, "VIG-UPD-001",
                    Decision.CONFIRMED, null, t1.plusSeconds(31)));
            assertEquals(rows + 1, d.audit(admin, id).size(), "only the signature was added");
            assertEquals("a", d.expertAnswers(admin, id).get("7.2").observed());
        }
    }

    /**
     * A signature freezes what it shows (issue 16 §1): the owner's link still opens but says the diagnostic is signed
     * and takes no answer any more (an answer the expert validated stays as it was); swaps are refused (the six
     * measures are fixed); the plan's tracking goes on.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSignatureClosesTheOwnerLinkAndFixesTheSixMeasures(Backend backend) {
        try (TestDb db = TestDatabases.create(backend, tmp); JdbcStore store = new JdbcStore(db.open())) {
            tenants(store);
            UUID id = d.createDiagnostic(admin, org.id(), "vigie-referential", "1.0", 1, 0, T0).id();
            IssuedSecret link = d.createOwnerLink(admin, id, T0);
            d.saveOwnerAnswers(link.secret(), Map.of("1.1", "b"), T0.plusSeconds(1));
            assertTrue(d.ownerAccess(link.secret(), T0.plusSeconds(2)).orElseThrow().signedAt() == null);
            d.addSwap(admin, id, "5.1", "9.1", "avant la signature", T0.plusSeconds(3));
            Instant signedAt = T0.plusSeconds(10);
            d.sign(admin, id, signedAt);
            int rows = d.audit(admin, id).size();

            DiagnosticStore.OwnerAccess a = d.ownerAccess(link.secret(), signedAt.plusSeconds(1)).orElseThrow();
            assertTrue(a.signed());
            assertEquals(signedAt, a.signedAt());
            StoreException e = assertThrows(StoreException.class,
                    () -> d.saveOwnerAnswers(link.secret(), Map.of("1.1", "a"), signedAt.plusSeconds(1)));
            assertEquals(StoreException.Kind.CONFLICT, e.kind());
            assertEquals("diagnostic_signed", e.code());
            assertEquals(Map.of("1.1", "b"), d.ownerAnswers(admin, id), "the signed answer did not move");

            StoreException swap = assertThrows(StoreException.class,
                    () -> d.addSwap(admin, id, "5.2", "9.2", "après la signature", signedAt.plusSeconds(2)));
            assertEquals("diagnostic_signed", swap.code());
            assertEquals(1, d.swaps(admin, id).size());
            assertEquals(rows, d.audit(admin, id).size(), "nothing refused was written");

            d.track(admin, id, "5.1", "Marie", null, io.vigie.checks.plan.Status.EN_COURS, signedAt.plusSeconds(3));
            assertEquals(io.vigie.checks.plan.Status.EN_COURS, d.planTracking(admin, id).get("5.1").status(),
                    "tracking goes on after the signature");
        }
    }

    private static void assertKind(StoreException.Kind kind, org.junit.jupiter.api.function.Executable call) {
        StoreException e = assertThrows(StoreException.class, call);
        assertEquals(kind, e.kind(), e.getMessage());
    }
}
