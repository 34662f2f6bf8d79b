package io.vigie.console;

import io.vigie.checks.json.Json;
import io.vigie.console.TestDatabases.Backend;
import io.vigie.console.TestDatabases.TestDb;
import io.vigie.console.auth.Passwords;
import io.vigie.console.store.DeviceIdentity;
import io.vigie.console.store.Enrolled;
import io.vigie.console.store.IssuedSecret;
import io.vigie.console.store.LoginCandidate;
import io.vigie.console.store.NewReport;
import io.vigie.console.store.Organisation;
import io.vigie.console.store.jdbc.JdbcStore;
import io.vigie.checks.report.Report;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line in-process: admin create, admin token, rejudge. */
class ConsoleMainTest {

    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path tmp;
    TestDb db;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() {
        db = TestDatabases.create(Backend.SQLITE, tmp);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    int run(String stdin, String... args) {
        out.reset();
        err.reset();
        return ConsoleMain.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("VIGIE_CONSOLE_DATABASE_URL", db.url()), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void adminCreateHashesThePasswordWithArgon2id() {
        assertEquals(0, run("une phrase de passe solide\n", "admin", "create", "--provider", "Infogérance Alpha",
                "--email", "Marie@Alpha.example", "--password-stdin"), err.toString());
        assertTrue(out.toString().contains("marie@alpha.example"), out.toString());
        try (JdbcStore store = new JdbcStore(db.open())) {
            LoginCandidate u = store.accounts().findLogin("marie@alpha.example").orElseThrow();
            assertTrue(u.passwordHash().startsWith("$argon2id$"), u.passwordHash());
            assertTrue(Passwords.matches("une phrase de passe solide", u.passwordHash()));
            assertEquals(false, Passwords.matches("une autre phrase de passe", u.passwordHash()));
        }
        assertEquals(2, run("une phrase de passe solide\n", "admin", "create", "--provider", "Infogérance Alpha",
                "--email", "marie@alpha.example", "--password-stdin"), "the same email twice is refused");
        assertTrue(err.toString().contains("already exists"), err.toString());
        assertEquals(2, run("court\n", "admin", "create", "--provider", "P", "--email", "x@y.example", "--password-stdin"));
        assertEquals(2, run("", "admin", "create", "--provider", "P", "--email", "x@y.example", "--password-stdin"));

        assertEquals(0, run("", "admin", "token", "--email", "marie@alpha.example"));
        String token = out.toString().trim();
        try (JdbcStore store = new JdbcStore(db.open())) {
            assertEquals("marie@alpha.example", store.accounts().findLogin("marie@alpha.example").orElseThrow().user().email());
            assertTrue(store.accounts().authenticateApiToken(token).isPresent());
        }
    }

    @Test
    void rejudgeJudgesReportsJudgedWithAnotherCatalogue() throws Exception {
        UUID reportA;
        UUID reportB;
        try (JdbcStore store = new JdbcStore(db.open())) {
            UUID p = store.accounts().ensureProvider("P", NOW);
            var admin = store.accounts().createUser(p, null, "a@p.example", null, io.vigie.console.store.Role.PROVIDER_ADMIN, NOW).scope();
            Organisation org = store.tenants().createOrganisation(admin, "O", NOW);
            IssuedSecret code = store.tenants().createEnrollmentCode(admin, org.id(), NOW, Duration.ofDays(1));
            UUID deviceId = UUID.randomUUID();
            Enrolled e = store.tenants().enroll(code.secret(), deviceId, "h", "linux", NOW);
            reportA = UUID.randomUUID();
            reportB = UUID.randomUUID();
            store(store, e.device(), reportA, "old-catalogue");
            store(store, e.device(), reportB, io.vigie.checks.rule.Catalogue.builtin().version());
        }
        assertEquals(0, run("", "rejudge"), err.toString());
        assertTrue(out.toString().contains("1 report(s) judged, 1 already judged"), out.toString());
        try (JdbcStore store = new JdbcStore(db.open())) {
            assertEquals(5L, store.rowCounts().get("verdict_sets"), "2 agent + 2 console + 1 new");
            var page = store.reports().reportsToJudge(null, 10);
            assertTrue(page.stream().allMatch(r -> io.vigie.checks.rule.Catalogue.builtin().version()
                    .equals(r.latestConsoleCatalogue())), page.toString());
        }
        assertEquals(0, run("", "rejudge"));
        assertTrue(out.toString().contains("0 report(s) judged, 2 already judged"), out.toString());
        assertEquals(0, run("", "rejudge", "--force"));
        assertTrue(out.toString().contains("2 report(s) judged"), out.toString());
        try (JdbcStore store = new JdbcStore(db.open())) {
            assertEquals(7L, store.rowCounts().get("verdict_sets"));
        }
    }

    private static void store(JdbcStore store, DeviceIdentity device, UUID reportId, String consoleCatalogue)
            throws Exception {
        Report r = SampleReports.report(device.deviceId(), reportId);
        store.reports().storeReport(device, new NewReport(reportId, device.deviceId(), 1, r.hostname(), r.platform(),
                r.agentVersion(), r.catalogueVersion(), r.startedAt(), r.finishedAt(), Json.mapper().writeValueAsString(r),
                r.findings(), consoleCatalogue, List.of()), NOW);
    }
}
