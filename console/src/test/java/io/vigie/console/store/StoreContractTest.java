package io.vigie.console.store;

import io.vigie.checks.json.Json;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.Report;
import io.vigie.checks.report.Severity;
import io.vigie.checks.report.Verdict;
import io.vigie.console.SampleReports;
import io.vigie.console.TestDatabases;
import io.vigie.console.TestDatabases.Backend;
import io.vigie.console.TestDatabases.TestDb;
import io.vigie.console.store.StoreException.Kind;
import io.vigie.console.store.jdbc.JdbcStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One suite, run on SQLite ({@link SqliteStoreTest}) and PostgreSQL ({@link PostgresStoreTest}). */
abstract class StoreContractTest {

    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path tmp;
    TestDb db;
    JdbcStore store;

    // two tenants: provider A (orgs A1, A2) and provider B (org B1)
    Scope adminA;
    Scope expertA;
    Scope viewerA1;
    Scope adminB;
    Organisation a1;
    Organisation a2;
    Organisation b1;

    abstract Backend backend();

    /** The agent's verdict set of a report, read from {@code verdict_sets} directly. */
    private List<Finding> agentFindings(UUID reportId) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(db.url());
             java.sql.PreparedStatement ps = c.prepareStatement(
                     "SELECT findings FROM verdict_sets WHERE report_id = ? AND judged_by = 'agent'")) {
            ps.setString(1, reportId.toString());
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "no agent verdict set");
                return Json.mapper().readValue(rs.getString(1),
                        new com.fasterxml.jackson.core.type.TypeReference<List<Finding>>() { });
            }
        }
    }

    @BeforeEach
    void setUp() {
        db = TestDatabases.create(backend(), tmp);
        store = new JdbcStore(db.open());
        UUID pa = store.accounts().ensureProvider("Infogérance Alpha", NOW);
        UUID pb = store.accounts().ensureProvider("Bêta Conseil", NOW);
        adminA = store.accounts().createUser(pa, null, "admin@alpha.example", "x", Role.PROVIDER_ADMIN, NOW).scope();
        expertA = store.accounts().createUser(pa, null, "expert@alpha.example", "x", Role.EXPERT, NOW).scope();
        adminB = store.accounts().createUser(pb, null, "admin@beta.example", "x", Role.PROVIDER_ADMIN, NOW).scope();
        a1 = store.tenants().createOrganisation(adminA, "Boulangerie Martin", NOW);
        a2 = store.tenants().createOrganisation(expertA, "Cabinet Durand", NOW);
        b1 = store.tenants().createOrganisation(adminB, "Garage Petit", NOW);
        viewerA1 = store.accounts().createUser(pa, a1.id(), "patron@martin.example", "x", Role.CUSTOMER_VIEWER, NOW).scope();
    }

    @AfterEach
    void tearDown() {
        if (store != null) {
            store.close();
        }
        if (db != null) {
            db.close();
        }
    }

    Enrolled enrolled(Scope scope, Organisation org) {
        IssuedSecret code = store.tenants().createEnrollmentCode(scope, org.id(), NOW, Duration.ofDays(7));
        return store.tenants().enroll(code.secret(), UUID.randomUUID(), "pc-" + org.name(), "linux", NOW);
    }

    NewReport newReport(UUID deviceId, UUID reportId) {
        Report r = SampleReports.report(deviceId, reportId);
        String body;
        try {
            body = Json.mapper().writeValueAsString(r);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<Finding> console = List.of(new Finding("VIG-UPD-001", Verdict.FAIL, Severity.HIGH, "T05", "x", Map.of(),
                List.of("patch.status")), new Finding("VIG-OS-001", Verdict.UNKNOWN, null, "T05", "fact_unknown",
                Map.of(), List.of("os.identity")));
        return new NewReport(reportId, deviceId, 1, r.hostname(), r.platform(), r.agentVersion(), r.catalogueVersion(),
                r.startedAt(), r.finishedAt(), body, r.findings(), "7", console);
    }

    StoreException assertUnchanged(Executable action, Kind kind, String code) {
        Map<String, Long> before = store.rowCounts();
        StoreException e = assertThrows(StoreException.class, action);
        assertEquals(kind, e.kind(), e.getMessage());
        if (code != null) {
            assertEquals(code, e.code());
        }
        assertEquals(before, store.rowCounts(), "a refused change must leave every table as it was");
        return e;
    }

    @Test
    void migrationsCreateEveryTable() {
        Map<String, Long> counts = store.rowCounts();
        assertEquals(JdbcStore.TABLES, List.copyOf(counts.keySet()));
        assertEquals(2L, counts.get("providers"));
    }

    @Test
    void providersAreCreatedOnce() {
        assertEquals(store.accounts().ensureProvider("Bêta Conseil", NOW), adminB.providerId());
    }

    @Test
    void organisationsAreScopedToTheTenant() {
        assertEquals(List.of("Boulangerie Martin", "Cabinet Durand"),
                store.tenants().organisations(adminA).stream().map(Organisation::name).toList());
        assertEquals(List.of("Boulangerie Martin", "Cabinet Durand"),
                store.tenants().organisations(expertA).stream().map(Organisation::name).toList());
        assertEquals(List.of("Boulangerie Martin"), store.tenants().organisations(viewerA1).stream().map(Organisation::name).toList());
        assertEquals(List.of("Garage Petit"), store.tenants().organisations(adminB).stream().map(Organisation::name).toList());
        assertTrue(store.tenants().organisation(adminB, a1.id()).isEmpty());
        assertTrue(store.tenants().organisation(viewerA1, a2.id()).isEmpty());
        assertTrue(store.tenants().organisation(viewerA1, a1.id()).isPresent());
    }

    @Test
    void viewerCannotChangeAnything() {
        assertUnchanged(() -> store.tenants().createOrganisation(viewerA1, "X", NOW), Kind.FORBIDDEN, "role_forbidden");
        assertUnchanged(() -> store.tenants().createEnrollmentCode(viewerA1, a1.id(), NOW, Duration.ofDays(1)), Kind.FORBIDDEN, null);
    }

    @Test
    void enrollmentCodeOfAnotherTenantsOrganisationIsRefused() {
        assertUnchanged(() -> store.tenants().createEnrollmentCode(adminB, a1.id(), NOW, Duration.ofDays(1)), Kind.NOT_FOUND, null);
    }

    @Test
    void codeEnrollsOneDeviceOnceBeforeItExpires() {
        IssuedSecret code = store.tenants().createEnrollmentCode(adminA, a1.id(), NOW, Duration.ofDays(7));
        assertEquals(NOW.plus(Duration.ofDays(7)), code.expiresAt());
        UUID device = UUID.randomUUID();
        // typed in lower case with spaces: still the same code
        Enrolled e = store.tenants().enroll(code.secret().toLowerCase().replace("-", " "), device, "pc1", "linux", NOW);
        assertEquals(a1.id(), e.device().organisationId());
        assertEquals(adminA.providerId(), e.device().providerId());
        assertEquals(43, e.secret().length(), "256-bit secret, base64url");
        assertEquals(e.device(), store.tenants().authenticateDevice(device, e.secret()));

        assertUnchanged(() -> store.tenants().enroll(code.secret(), UUID.randomUUID(), "pc2", "linux", NOW), Kind.GONE, "code_used");
        IssuedSecret old = store.tenants().createEnrollmentCode(adminA, a1.id(), NOW.minus(Duration.ofDays(8)), Duration.ofDays(7));
        assertUnchanged(() -> store.tenants().enroll(old.secret(), UUID.randomUUID(), "pc3", "linux", NOW), Kind.GONE, "code_expired");
        assertUnchanged(() -> store.tenants().enroll("AAAAA-BBBBB-CCCCC-DDDDD", UUID.randomUUID(), "pc4", "linux", NOW),
                Kind.UNAUTHORIZED, "unknown_code");
    }

    @Test
    void deviceOfAnotherOrganisationCannotBeRebound() {
        Enrolled e = enrolled(adminA, a1);
        IssuedSecret codeB = store.tenants().createEnrollmentCode(adminB, b1.id(), NOW, Duration.ofDays(7));
        assertUnchanged(() -> store.tenants().enroll(codeB.secret(), e.device().deviceId(), "x", "linux", NOW), Kind.CONFLICT,
                "device_id_taken");
        // the code was not consumed by the refused attempt
        assertEquals(b1.id(), store.tenants().enroll(codeB.secret(), UUID.randomUUID(), "y", "linux", NOW).device().organisationId());
    }

    @Test
    void aCodeNeverRebindsOrUnrevokesAnExistingDevice() {
        // issue 14 item 2: any code of the organisation, sent with an existing device's id, took the device over
        Enrolled first = enrolled(adminA, a1);
        UUID id = first.device().deviceId();
        IssuedSecret code = store.tenants().createEnrollmentCode(adminA, a1.id(), NOW, Duration.ofDays(7));
        StoreException same = assertUnchanged(() -> store.tenants().enroll(code.secret(), id, "pc", "linux", NOW),
                Kind.CONFLICT, "device_id_taken");
        assertEquals(first.device(), store.tenants().authenticateDevice(id, first.secret()), "the real agent still works");

        store.tenants().revokeDevice(adminA, id, NOW);
        assertUnchanged(() -> store.tenants().enroll(code.secret(), id, "pc", "linux", NOW), Kind.CONFLICT, "device_id_taken");
        assertEquals("device_revoked", assertThrows(StoreException.class,
                () -> store.tenants().authenticateDevice(id, first.secret())).code(), "still revoked");

        // the same answer for a device of another provider: no existence oracle across tenants
        IssuedSecret codeB = store.tenants().createEnrollmentCode(adminB, b1.id(), NOW, Duration.ofDays(7));
        StoreException other = assertUnchanged(() -> store.tenants().enroll(codeB.secret(), id, "pc", "linux", NOW),
                Kind.CONFLICT, "device_id_taken");
        assertEquals(same.getMessage(), other.getMessage());
        // the refused attempts consumed nothing
        assertEquals(a1.id(), store.tenants().enroll(code.secret(), UUID.randomUUID(), "y", "linux", NOW).device().organisationId());
    }

    @Test
    void reEnrollmentNeedsAManagersPermissionInTheDevicesOrganisation() {
        Enrolled first = enrolled(adminA, a1);
        UUID id = first.device().deviceId();
        store.tenants().revokeDevice(adminA, id, NOW);
        Instant until = NOW.plus(Duration.ofDays(1));
        assertUnchanged(() -> store.tenants().allowReenrollment(viewerA1, id, NOW, until), Kind.FORBIDDEN, null);
        assertUnchanged(() -> store.tenants().allowReenrollment(adminB, id, NOW, until), Kind.NOT_FOUND, null);
        long audited = store.rowCounts().get("security_audit");
        store.tenants().allowReenrollment(expertA, id, NOW, until);
        assertEquals(audited + 1, store.rowCounts().get("security_audit"), "the permission is audited");

        // a code of another organisation (another provider) still cannot take it
        IssuedSecret codeB = store.tenants().createEnrollmentCode(adminB, b1.id(), NOW, Duration.ofDays(7));
        assertUnchanged(() -> store.tenants().enroll(codeB.secret(), id, "x", "linux", NOW), Kind.CONFLICT, "device_id_taken");
        // nor a code of its own organisation once the window has closed
        IssuedSecret late = store.tenants().createEnrollmentCode(adminA, a1.id(), until, Duration.ofDays(7));
        assertUnchanged(() -> store.tenants().enroll(late.secret(), id, "pc", "linux", until), Kind.CONFLICT, "device_id_taken");

        IssuedSecret code = store.tenants().createEnrollmentCode(adminA, a1.id(), NOW, Duration.ofDays(7));
        Enrolled second = store.tenants().enroll(code.secret(), id, "pc", "linux", NOW.plusSeconds(60));
        assertNotEquals(first.secret(), second.secret());
        assertThrows(StoreException.class, () -> store.tenants().authenticateDevice(id, first.secret()));
        assertEquals(second.device(), store.tenants().authenticateDevice(id, second.secret()), "re-enrollment lifts the revocation");
        assertEquals(audited + 2, store.rowCounts().get("security_audit"), "the re-enrollment is audited");
        // the permission is used up
        IssuedSecret again = store.tenants().createEnrollmentCode(adminA, a1.id(), NOW, Duration.ofDays(7));
        assertUnchanged(() -> store.tenants().enroll(again.secret(), id, "pc", "linux", NOW.plusSeconds(120)), Kind.CONFLICT,
                "device_id_taken");
    }

    @Test
    void concurrentWrongPasswordsGetAtMostTheLimitOfChecks() throws Exception {
        // issue 14 item 3: check-then-count let 40 concurrent wrong passwords on one account get 17 checks for 10
        store.accounts().createUser(adminA.providerId(), null, "cible@alpha.example",
                io.vigie.console.auth.Passwords.hash("la bonne phrase"), Role.PROVIDER_ADMIN, NOW);
        java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();
        io.vigie.console.auth.PasswordGate gate = new io.vigie.console.auth.PasswordGate(store, 10, (pw, hash) -> {
            checks.incrementAndGet();
            return false;
        });
        int threads = 40;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<io.vigie.console.auth.PasswordGate.Outcome>> all = new java.util.ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String address = "192.0.2." + i; // each from its own address: only the account limit holds them
            all.add(pool.submit(() -> {
                start.await();
                return gate.attempt("cible@alpha.example", "mauvaise", address, NOW);
            }));
        }
        start.countDown();
        int throttled = 0;
        for (var f : all) {
            throttled += f.get(120, java.util.concurrent.TimeUnit.SECONDS).throttled() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(10, checks.get(), "exactly the limit of password checks");
        assertEquals(30, throttled);
        assertEquals(1L, store.rowCounts().get("security_audit"), "one lockout audited");
        UUID user = store.accounts().findLogin("cible@alpha.example").orElseThrow().user().id();
        assertTrue(store.accounts().locked(user, NOW, io.vigie.console.auth.PasswordGate.WINDOW, 10));
        // the owner is locked out too, until a provider admin unlocks the account (audited)
        io.vigie.console.auth.PasswordGate real = new io.vigie.console.auth.PasswordGate(store, 10);
        assertTrue(real.attempt("cible@alpha.example", "la bonne phrase", "198.51.100.1", NOW).throttled());
        assertUnchanged(() -> store.accounts().unlockAccount(adminB, user, NOW), Kind.NOT_FOUND, null);
        assertUnchanged(() -> store.accounts().unlockAccount(expertA, user, NOW), Kind.FORBIDDEN, null);
        store.accounts().unlockAccount(adminA, user, NOW);
        assertEquals(2L, store.rowCounts().get("security_audit"), "the unlock is audited");
        assertEquals(user, real.attempt("cible@alpha.example", "la bonne phrase", "198.51.100.1", NOW).user().orElseThrow().id());
        // a success gives its count back: the owner's own logins never lock the account
        for (int i = 0; i < 20; i++) {
            assertTrue(real.attempt("cible@alpha.example", "la bonne phrase", "198.51.100.1", NOW).user().isPresent());
        }
    }

    @Test
    void deviceCredentialsAreChecked() {
        Enrolled e = enrolled(adminA, a1);
        UUID id = e.device().deviceId();
        assertEquals("bad_credential", assertThrows(StoreException.class, () -> store.tenants().authenticateDevice(id, "nope")).code());
        assertEquals("unknown_device", assertThrows(StoreException.class,
                () -> store.tenants().authenticateDevice(UUID.randomUUID(), e.secret())).code());
        assertUnchanged(() -> store.tenants().revokeDevice(adminB, id, NOW), Kind.NOT_FOUND, null);
        assertUnchanged(() -> store.tenants().revokeDevice(viewerA1, id, NOW), Kind.FORBIDDEN, null);
        store.tenants().revokeDevice(expertA, id, NOW);
        StoreException revoked = assertThrows(StoreException.class, () -> store.tenants().authenticateDevice(id, e.secret()));
        assertEquals("device_revoked", revoked.code());
        assertEquals(Kind.UNAUTHORIZED, revoked.kind());
        assertEquals(NOW, store.tenants().device(adminA, id).orElseThrow().revokedAt());
    }

    @Test
    void reportsAreStoredOnceWithBothVerdictSets() throws Exception {
        Enrolled e = enrolled(adminA, a1);
        UUID reportId = UUID.randomUUID();
        NewReport r = newReport(e.device().deviceId(), reportId);
        assertEquals(IngestResult.STORED, store.reports().storeReport(e.device(), r, NOW));
        Map<String, Long> after = store.rowCounts();
        assertEquals(1L, after.get("reports"));
        assertEquals(2L, after.get("verdict_sets"));
        assertEquals(IngestResult.ALREADY_STORED, store.reports().storeReport(e.device(), r, NOW.plusSeconds(5)));
        assertEquals(after, store.rowCounts());

        ReportSummary s = store.reports().reports(viewerA1, e.device().deviceId(), 10).get(0);
        assertEquals(reportId, s.id());
        assertEquals(1, s.failCount());
        assertEquals(1, s.unknownCount());
        assertEquals("srv-compta", s.hostname());
        StoredReport stored = store.reports().report(expertA, reportId).orElseThrow();
        assertEquals(r.body(), stored.body());
        VerdictSet console = store.reports().consoleVerdicts(viewerA1, reportId).orElseThrow();
        assertEquals("7", console.catalogueVersion());
        assertEquals(r.consoleFindings(), console.findings());
        // the agent's own verdicts are kept beside the console's (audit), read here from the table
        assertEquals(r.agentFindings(), agentFindings(reportId));
        assertEquals(NOW, store.tenants().device(adminA, e.device().deviceId()).orElseThrow().lastSeenAt());
    }

    @Test
    void reportsAreInvisibleToOtherTenants() {
        Enrolled e = enrolled(adminA, a2);
        UUID reportId = UUID.randomUUID();
        store.reports().storeReport(e.device(), newReport(e.device().deviceId(), reportId), NOW);
        UUID device = e.device().deviceId();
        for (Scope outsider : List.of(adminB, viewerA1)) {
            assertTrue(store.reports().report(outsider, reportId).isEmpty());
            assertTrue(store.reports().consoleVerdicts(outsider, reportId).isEmpty());
            assertTrue(store.tenants().device(outsider, device).isEmpty());
            assertEquals(Kind.NOT_FOUND, assertThrows(StoreException.class, () -> store.reports().reports(outsider, device, 10)).kind());
            assertEquals(Kind.NOT_FOUND, assertThrows(StoreException.class, () -> store.tenants().devices(outsider, a2.id())).kind());
        }
        assertEquals(1, store.tenants().devices(expertA, a2.id()).size());
        assertEquals(0, store.tenants().devices(viewerA1, a1.id()).size());
    }

    @Test
    void aReportOfAnotherDeviceIsRefused() {
        Enrolled e = enrolled(adminA, a1);
        Enrolled other = enrolled(adminB, b1);
        UUID reportId = UUID.randomUUID();
        assertUnchanged(() -> store.reports().storeReport(e.device(), newReport(other.device().deviceId(), reportId), NOW),
                Kind.FORBIDDEN, "device_mismatch");
        store.reports().storeReport(other.device(), newReport(other.device().deviceId(), reportId), NOW);
        assertUnchanged(() -> store.reports().storeReport(e.device(), newReport(e.device().deviceId(), reportId), NOW),
                Kind.CONFLICT, "report_id_taken");
    }

    @Test
    void reJudgingAddsANewerConsoleVerdictSet() {
        Enrolled e = enrolled(adminA, a1);
        UUID reportId = UUID.randomUUID();
        store.reports().storeReport(e.device(), newReport(e.device().deviceId(), reportId), NOW);
        List<ReportToJudge> page = store.reports().reportsToJudge(null, 10);
        assertEquals(1, page.size());
        assertEquals("7", page.get(0).latestConsoleCatalogue());
        assertTrue(store.reports().reportsToJudge(reportId, 10).isEmpty());
        store.reports().addConsoleVerdicts(reportId, "8", NOW.plusSeconds(60), List.of());
        assertEquals("8", store.reports().consoleVerdicts(adminA, reportId).orElseThrow().catalogueVersion());
        assertEquals(0, store.reports().reports(adminA, e.device().deviceId(), 5).get(0).failCount());
        assertEquals(3L, store.rowCounts().get("verdict_sets"));
    }

    @Test
    void retentionPurgesOldReports() {
        Enrolled e = enrolled(adminA, a1);
        store.reports().storeReport(e.device(), newReport(e.device().deviceId(), UUID.randomUUID()), NOW.minus(Duration.ofDays(800)));
        store.reports().storeReport(e.device(), newReport(e.device().deviceId(), UUID.randomUUID()), NOW);
        assertEquals(1, store.reports().purgeReportsReceivedBefore(NOW.minus(Duration.ofDays(730))));
        assertEquals(1L, store.rowCounts().get("reports"));
        assertEquals(2L, store.rowCounts().get("verdict_sets"));
    }

    @Test
    void apiTokensAuthenticateUntilRevoked() {
        IssuedSecret t = store.accounts().createApiToken(viewerA1, "tableur", NOW);
        assertTrue(t.secret().startsWith("vgt_"));
        assertEquals(viewerA1, store.accounts().authenticateApiToken(t.secret()).orElseThrow());
        assertTrue(store.accounts().authenticateApiToken(t.secret() + "x").isEmpty());
        assertUnchanged(() -> store.accounts().revokeApiToken(adminB, t.id(), NOW), Kind.NOT_FOUND, null);
        assertUnchanged(() -> store.accounts().revokeApiToken(expertA, t.id(), NOW), Kind.NOT_FOUND, null);
        store.accounts().revokeApiToken(adminA, t.id(), NOW);
        assertTrue(store.accounts().authenticateApiToken(t.secret()).isEmpty());
        IssuedSecret own = store.accounts().createApiToken(expertA, null, NOW);
        store.accounts().revokeApiToken(expertA, own.id(), NOW);
        assertTrue(store.accounts().authenticateApiToken(own.secret()).isEmpty());
    }

    @Test
    void throttleCountsPerWindow() {
        Duration w = Duration.ofMinutes(10);
        assertEquals(1, store.accounts().hit("login:a", NOW, w));
        assertEquals(2, store.accounts().hit("login:a", NOW.plusSeconds(10), w));
        assertEquals(1, store.accounts().hit("login:b", NOW.plusSeconds(10), w));
        assertEquals(3, store.accounts().hit("login:a", NOW.plusSeconds(599), w));
        assertEquals(1, store.accounts().hit("login:a", NOW.plusSeconds(700), w), "a new window starts");
    }

    @Test
    void usersAreUniqueByEmailAndBoundToTheirProvider() {
        assertUnchanged(() -> store.accounts().createUser(adminA.providerId(), null, "ADMIN@alpha.example ", "x", Role.EXPERT, NOW),
                Kind.CONFLICT, "email_taken");
        assertUnchanged(() -> store.accounts().createUser(adminB.providerId(), a1.id(), "v@x.example", "x", Role.CUSTOMER_VIEWER, NOW),
                Kind.NOT_FOUND, null);
        assertEquals(adminA.userId(), store.accounts().findLogin("Admin@Alpha.example").orElseThrow().user().id());
    }

    @Test
    void concurrentUploadsAreGroupCommittedWithEachCallerGettingItsOwnAnswer() throws Exception {
        Enrolled e = enrolled(adminA, a1);
        Enrolled other = enrolled(adminB, b1);
        UUID taken = UUID.randomUUID();
        store.reports().storeReport(other.device(), newReport(other.device().deviceId(), taken), NOW);
        int threads = 12;
        int perThread = 10;
        List<UUID> ids = new java.util.ArrayList<>();
        for (int i = 0; i < threads * perThread / 2; i++) {
            ids.add(UUID.randomUUID());
        }
        java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicInteger> outcomes =
                new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int tt = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    // every id is sent twice (by two threads), and one caller sends an id another device owns
                    UUID id = tt == 0 && i == 0 ? taken : ids.get((tt * perThread + i) % ids.size());
                    String outcome;
                    try {
                        outcome = store.reports().storeReport(e.device(), newReport(e.device().deviceId(), id), NOW).name();
                    } catch (StoreException ex) {
                        outcome = ex.code();
                    }
                    outcomes.computeIfAbsent(outcome, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                }
            }));
        }
        for (var f : futures) {
            f.get();
        }
        pool.shutdown();
        assertEquals(1, outcomes.get("report_id_taken").get());
        assertEquals(ids.size(), outcomes.get("STORED").get(), outcomes.toString());
        assertEquals(threads * perThread - 1 - ids.size(), outcomes.get("ALREADY_STORED").get(), outcomes.toString());
        assertEquals(ids.size() + 1L, store.rowCounts().get("reports"));
        assertEquals(2L * (ids.size() + 1), store.rowCounts().get("verdict_sets"));
    }
}
