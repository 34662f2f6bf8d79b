package io.vigie.console.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vigie.checks.json.Json;
import io.vigie.checks.report.Report;
import io.vigie.console.MutableClock;
import io.vigie.console.SampleReports;
import io.vigie.console.auth.Passwords;
import io.vigie.console.config.ConsoleConfig;
import io.vigie.console.server.ConsoleServer;
import io.vigie.console.store.Enrolled;
import io.vigie.console.store.IssuedSecret;
import io.vigie.console.store.Organisation;
import io.vigie.console.store.Role;
import io.vigie.console.store.Scope;
import io.vigie.console.store.Store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A console on a random loopback port with two tenants: provider A (organisations A1, A2; an admin, and a
 * customer viewer of A1) and provider B (organisation B1; an admin), each with an API token.
 */
public final class ConsoleFixture implements AutoCloseable {

    public static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
    public static final String PASSWORD = "correct horse battery staple";

    public final MutableClock clock;
    public final ConsoleServer server;
    public final WebClient http;
    public final Store store;
    /** The console's database, for tests that read or change rows directly. */
    public final String jdbcUrl;
    public Scope adminA;
    public Scope viewerA1;
    public Scope adminB;
    public Organisation a1;
    public Organisation a2;
    public Organisation b1;
    public String tokenA;
    public String tokenViewerA1;
    public String tokenB;

    public ConsoleFixture(Vertx clientVertx, String jdbcUrl, Path dataDir) {
        this(clientVertx, jdbcUrl, dataDir, false, ConsoleConfig.Limits.DEFAULTS);
    }

    /** @param accessLog whether the console logs one line per request (logger {@code io.vigie.console.access}) */
    public ConsoleFixture(Vertx clientVertx, String jdbcUrl, Path dataDir, boolean accessLog) {
        this(clientVertx, jdbcUrl, dataDir, accessLog, ConsoleConfig.Limits.DEFAULTS);
    }

    /** The same console with other limits. */
    public ConsoleFixture(Vertx clientVertx, String jdbcUrl, Path dataDir, ConsoleConfig.Limits limits) {
        this(clientVertx, jdbcUrl, dataDir, false, limits);
    }

    private ConsoleFixture(Vertx clientVertx, String jdbcUrl, Path dataDir, boolean accessLog, ConsoleConfig.Limits limits) {
        this.clock = new MutableClock(START);
        ConsoleConfig base = config(jdbcUrl, dataDir).withLimits(limits);
        this.server = ConsoleServer.start(accessLog ? withAccessLog(base) : base, clock);
        this.jdbcUrl = config(jdbcUrl, dataDir).effectiveDatabaseUrl();
        this.store = server.store();
        this.http = WebClient.create(clientVertx);
        seed();
    }

    /** A loopback console on a random port, two event loops, no access log. */
    public static ConsoleConfig config(String jdbcUrl, Path dataDir) {
        return new ConsoleConfig("127.0.0.1", 0, 2, dataDir, jdbcUrl, null, null, 4, null, null, null, false,
                ConsoleConfig.Limits.DEFAULTS);
    }

    private static ConsoleConfig withAccessLog(ConsoleConfig c) {
        return new ConsoleConfig(c.host(), c.port(), c.httpInstances(), c.dataDir(), c.databaseUrl(), c.databaseUser(),
                c.databasePassword(), c.databasePoolSize(), c.tlsCert(), c.tlsKey(), c.publicUrl(), true, c.limits());
    }

    private void seed() {
        Instant now = START;
        UUID pa = store.accounts().ensureProvider("Infogérance Alpha", now);
        UUID pb = store.accounts().ensureProvider("Bêta Conseil", now);
        adminA = store.accounts().createUser(pa, null, "admin@alpha.example", Passwords.hash(PASSWORD), Role.PROVIDER_ADMIN, now).scope();
        adminB = store.accounts().createUser(pb, null, "admin@beta.example", Passwords.hash(PASSWORD), Role.PROVIDER_ADMIN, now).scope();
        a1 = store.tenants().createOrganisation(adminA, "Boulangerie Martin", now);
        a2 = store.tenants().createOrganisation(adminA, "Cabinet Durand", now);
        b1 = store.tenants().createOrganisation(adminB, "Garage Petit", now);
        viewerA1 = store.accounts().createUser(pa, a1.id(), "patron@martin.example", null, Role.CUSTOMER_VIEWER, now).scope();
        tokenA = store.accounts().createApiToken(adminA, "tests", now).secret();
        tokenViewerA1 = store.accounts().createApiToken(viewerA1, "tests", now).secret();
        tokenB = store.accounts().createApiToken(adminB, "tests", now).secret();
    }

    /** Creates provider A's expert {@code expert@alpha.example}, who logs in with {@link #PASSWORD}. */
    public Scope createExpertA() {
        return store.accounts().createUser(adminA.providerId(), null, "expert@alpha.example", Passwords.hash(PASSWORD), Role.EXPERT,
                clock.instant()).scope();
    }

    /** Gives A1's customer viewer {@code patron@martin.example} the password {@link #PASSWORD}, to log in. */
    public void setViewerA1Password() {
        store.web().setPassword(viewerA1.userId(), Passwords.hash(PASSWORD));
    }

    public String url(String path) {
        return server.localUrl() + path;
    }

    public HttpRequest<Buffer> get(String path, String bearer) {
        HttpRequest<Buffer> r = http.getAbs(url(path));
        return bearer == null ? r : r.putHeader("Authorization", "Bearer " + bearer);
    }

    public HttpRequest<Buffer> post(String path, String bearer) {
        HttpRequest<Buffer> r = http.postAbs(url(path));
        return bearer == null ? r : r.putHeader("Authorization", "Bearer " + bearer);
    }

    public HttpResponse<Buffer> postJson(String path, String bearer, JsonObject body) {
        return post(path, bearer).putHeader("Content-Type", "application/json").sendBuffer(body.toBuffer()).await();
    }

    /** Creates a code for {@code org} with {@code token}; returns it. */
    public String code(String token, Organisation org) {
        HttpResponse<Buffer> r = postJson("/api/v1/organisations/" + org.id() + "/enrollment-codes", token, new JsonObject());
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject().getString("code");
    }

    /** Enrolls a new device into {@code org}; returns its credential {@code <deviceId>.<secret>}. */
    public String enroll(Organisation org, UUID deviceId) {
        HttpResponse<Buffer> r = postJson("/api/v1/enroll", null, new JsonObject().put("code", code(tokenA(org), org))
                .put("deviceId", deviceId.toString()).put("hostname", "pc-1").put("platform", "linux"));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        String credential = r.bodyAsJsonObject().getString("credential");
        assertNotNull(credential);
        return credential;
    }

    /**
     * Enrolls a device of A1 named {@code hostname} (through the store) and uploads the sample report under that
     * name (3 security updates pending) through the agent API; returns the device's id.
     */
    public UUID deviceWithSampleReport(String hostname) {
        UUID deviceId = UUID.randomUUID();
        IssuedSecret code = store.tenants().createEnrollmentCode(adminA, a1.id(), clock.instant(), Duration.ofDays(1));
        Enrolled enrolled = store.tenants().enroll(code.secret(), deviceId, hostname, "linux", clock.instant());
        UUID reportId = UUID.randomUUID();
        Report r = SampleReports.report(deviceId, reportId);
        r = new Report(r.schemaVersion(), reportId, deviceId, hostname, r.platform(), r.agentVersion(),
                r.catalogueVersion(), r.startedAt(), r.finishedAt(), r.facts(), r.findings(), r.lan());
        assertEquals(201, upload(deviceId + "." + enrolled.secret(), json(r), false).statusCode());
        return deviceId;
    }

    private String tokenA(Organisation org) {
        return org.providerId().equals(adminA.providerId()) ? tokenA : tokenB;
    }

    public static byte[] json(Report r) {
        try {
            return Json.mapper().writeValueAsBytes(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] gzip(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public HttpResponse<Buffer> upload(String credential, byte[] body, boolean gzip) {
        HttpRequest<Buffer> r = post("/api/v1/reports", credential).putHeader("Content-Type", "application/json");
        if (gzip) {
            r.putHeader("Content-Encoding", "gzip");
        }
        return r.sendBuffer(Buffer.buffer(gzip ? gzip(body) : body)).await();
    }

    /** The single number {@code sql} (a {@code SELECT COUNT(*) ...}) reads from the console's database. */
    public long count(String sql) throws SQLException {
        try (Connection conn = connection();
             Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A connection of its own to the console's database (close it). */
    public Connection connection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl);
    }

    public Map<String, Long> counts() {
        return store.rowCounts();
    }

    @Override
    public void close() {
        http.close();
        server.close();
    }
}
