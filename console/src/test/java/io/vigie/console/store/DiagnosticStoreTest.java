package io.vigie.console.store;

import io.vigie.console.TestDatabases;
import io.vigie.console.TestDatabases.Backend;
import io.vigie.console.TestDatabases.TestDb;
import io.vigie.console.store.DiagnosticStore.AuditEntry;
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

/** {@link DiagnosticStore} on each backend (V4__diagnostic.sql must run unchanged on both). */
class DiagnosticStoreTest {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void diagnosticsAreScopedAndTheOwnerLinkWritesAnswersWithAudit(Backend backend) {
        try (TestDb db = TestDatabases.create(backend, tmp); JdbcStore store = new JdbcStore(db.open())) {
            DiagnosticStore d = new JdbcDiagnosticStore(store.database());
            UUID p = store.ensureProvider("Alpha", T0);
            UUID q = store.ensureProvider("Beta", T0);
            Scope admin = store.createUser(p, null, "admin@a.example", "$argon2id$x", Role.PROVIDER_ADMIN, T0).scope();
            Scope other = store.createUser(q, null, "admin@b.example", "$argon2id$x", Role.PROVIDER_ADMIN, T0).scope();
            Organisation org = store.createOrganisation(admin, "Org", T0);
            Organisation org2 = store.createOrganisation(admin, "Org 2", T0);
            Scope viewer = store.createUser(p, org2.id(), "v@a.example", null, Role.CUSTOMER_VIEWER, T0).scope();

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
}
