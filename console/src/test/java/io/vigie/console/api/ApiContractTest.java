package io.vigie.console.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vigie.checks.report.Report;
import io.vigie.console.SampleReports;
import io.vigie.console.TestDatabases;
import io.vigie.console.TestDatabases.Backend;
import io.vigie.console.TestDatabases.TestDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API end to end over HTTP, on SQLite ({@link SqliteApiTest}) and PostgreSQL ({@link PostgresApiTest}). */
@ExtendWith(VertxExtension.class)
abstract class ApiContractTest {

    @TempDir
    Path tmp;
    TestDb db;
    ConsoleFixture c;

    abstract Backend backend();

    @BeforeEach
    void start(Vertx vertx) {
        db = TestDatabases.create(backend(), tmp);
        c = new ConsoleFixture(vertx, db.url(), tmp);
    }

    @AfterEach
    void stop() {
        if (c != null) {
            c.close();
        }
        if (db != null) {
            db.close();
        }
    }

    static JsonObject error(HttpResponse<Buffer> r) {
        JsonObject body = r.bodyAsJsonObject();
        assertNotNull(body, "error responses carry a JSON body");
        JsonObject e = body.getJsonObject("error");
        assertNotNull(e, "error responses are {\"error\": {...}}: " + body);
        assertNotNull(e.getString("code"));
        assertFalse(e.getString("message").isBlank());
        return e;
    }

    /** Runs {@code call}, expects {@code status} and {@code code}, and that no table changed. */
    void refused(String what, int status, String code, Supplier<HttpResponse<Buffer>> call) {
        Map<String, Long> before = c.counts();
        HttpResponse<Buffer> r = call.get();
        assertEquals(status, r.statusCode(), what + ": " + r.bodyAsString());
        JsonObject e = error(r);
        if (code != null) {
            assertEquals(code, e.getString("code"), what + ": " + e);
        }
        assertEquals(before, c.counts(), what + ": every table must be unchanged");
    }

    @Test
    void enrollUploadAndReadBack() {
        UUID deviceId = UUID.randomUUID();
        String credential = c.enroll(c.a1, deviceId);
        assertTrue(credential.startsWith(deviceId + "."));
        UUID reportId = UUID.randomUUID();
        Report report = SampleReports.report(deviceId, reportId);
        HttpResponse<Buffer> up = c.upload(credential, ConsoleFixture.json(report), true);
        assertEquals(201, up.statusCode(), up.bodyAsString());
        JsonObject stored = up.bodyAsJsonObject();
        assertEquals("stored", stored.getString("status"));
        assertEquals(reportId.toString(), stored.getString("reportId"));
        Map<String, Long> counts = c.counts();
        assertEquals(1L, counts.get("reports"));
        assertEquals(2L, counts.get("verdict_sets"), "the agent's verdicts and the console's");

        // reads: the admin of the provider and the customer viewer of that organisation
        for (String token : List.of(c.tokenA, c.tokenViewerA1)) {
            JsonArray orgs = c.get("/api/v1/organisations", token).send().await().bodyAsJsonObject().getJsonArray("organisations");
            assertTrue(orgs.stream().anyMatch(o -> ((JsonObject) o).getString("id").equals(c.a1.id().toString())));
            HttpResponse<Buffer> devices = c.get("/api/v1/organisations/" + c.a1.id() + "/devices", token).send().await();
            assertEquals(200, devices.statusCode(), devices.bodyAsString());
            JsonObject dev = devices.bodyAsJsonObject().getJsonArray("devices").getJsonObject(0);
            assertEquals(deviceId.toString(), dev.getString("id"));
            assertEquals("srv-compta", dev.getString("hostname"), "updated from the report");
            assertEquals("active", dev.getString("status"));
            HttpResponse<Buffer> reports = c.get("/api/v1/devices/" + deviceId + "/reports?limit=5", token).send().await();
            assertEquals(200, reports.statusCode(), reports.bodyAsString());
            JsonObject summary = reports.bodyAsJsonObject().getJsonArray("reports").getJsonObject(0);
            assertEquals(reportId.toString(), summary.getString("id"));
            assertEquals(report.agentVersion(), summary.getString("agentVersion"));
            HttpResponse<Buffer> full = c.get("/api/v1/reports/" + reportId, token).send().await();
            assertEquals(200, full.statusCode());
            JsonObject facts = full.bodyAsJsonObject().getJsonObject("report").getJsonObject("facts");
            assertEquals("debian", facts.getJsonObject("os.identity").getJsonObject("value").getString("productId"));
            HttpResponse<Buffer> findings = c.get("/api/v1/reports/" + reportId + "/findings?lang=en", token).send().await();
            assertEquals(200, findings.statusCode(), findings.bodyAsString());
            JsonObject f = findings.bodyAsJsonObject();
            assertEquals("en", f.getString("lang"));
            assertEquals(c.server.store().reports().consoleVerdicts(c.adminA, reportId).orElseThrow().catalogueVersion(),
                    f.getString("catalogueVersion"));
            assertNotNull(f.getJsonArray("findings"));
        }
    }

    @Test
    void uploadsAreIdempotentOnReportId() {
        UUID deviceId = UUID.randomUUID();
        String credential = c.enroll(c.a1, deviceId);
        byte[] body = ConsoleFixture.json(SampleReports.report(deviceId, UUID.randomUUID()));
        assertEquals(201, c.upload(credential, body, false).statusCode());
        Map<String, Long> after = c.counts();
        HttpResponse<Buffer> again = c.upload(credential, body, true);
        assertEquals(200, again.statusCode(), again.bodyAsString());
        assertEquals("already_stored", again.bodyAsJsonObject().getString("status"));
        assertEquals(after, c.counts());
    }

    HttpResponse<Buffer> enrollCall(String code, UUID deviceId) {
        return c.postJson("/api/v1/enroll", null, new JsonObject().put("code", code).put("deviceId", deviceId.toString()));
    }

    HttpResponse<Buffer> raw(String path, String bearer, String contentType, String encoding, byte[] body) {
        var r = c.post(path, bearer);
        if (contentType != null) {
            r.putHeader("Content-Type", contentType);
        }
        if (encoding != null) {
            r.putHeader("Content-Encoding", encoding);
        }
        return r.sendBuffer(Buffer.buffer(body)).await();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyBadEnrollmentIsRefusedAndChangesNothing() {
        UUID enrolledDevice = UUID.randomUUID();
        c.enroll(c.a1, enrolledDevice);
        String used = c.code(c.tokenA, c.a1);
        assertEquals(201, enrollCall(used, UUID.randomUUID()).statusCode());
        String expired = c.code(c.tokenA, c.a1);
        String codeB = c.code(c.tokenB, c.b1);
        c.clock.advance(Duration.ofDays(8));
        String fresh = c.code(c.tokenA, c.a1);
        // A refused enrollment counts one failed attempt for the client address (throttling); make that counter's
        // row exist first, so that "every table's row count is unchanged" is checked exactly below.
        assertEquals(401, enrollCall("WARMS-UPTHE-THROT-TLE00", UUID.randomUUID()).statusCode());

        refused("not JSON", 400, null, () -> raw("/api/v1/enroll", null, "application/json", null, utf8("{\"code\": ")));
        refused("missing deviceId", 400, "invalid_request", () -> c.postJson("/api/v1/enroll", null,
                new JsonObject().put("code", fresh)));
        refused("deviceId not a UUID", 400, "invalid_request", () -> c.postJson("/api/v1/enroll", null,
                new JsonObject().put("code", fresh).put("deviceId", "pc-de-marie")));
        refused("code not a string", 400, "invalid_request", () -> c.postJson("/api/v1/enroll", null,
                new JsonObject().put("code", 42).put("deviceId", UUID.randomUUID().toString())));
        refused("unknown code", 401, "unknown_code", () -> enrollCall("AAAAA-BBBBB-CCCCC-DDDDD", UUID.randomUUID()));
        refused("used code", 410, "code_used", () -> enrollCall(used, UUID.randomUUID()));
        refused("expired code", 410, "code_expired", () -> enrollCall(expired, UUID.randomUUID()));
        refused("expired code of B", 410, "code_expired", () -> enrollCall(codeB, UUID.randomUUID()));
        String freshB = c.code(c.tokenB, c.b1);
        refused("device of another tenant", 409, "device_id_taken", () -> enrollCall(freshB, enrolledDevice));
        // refused attempts consumed nothing: the fresh codes still work
        assertEquals(201, enrollCall(fresh, UUID.randomUUID()).statusCode());
        assertEquals(201, enrollCall(freshB, UUID.randomUUID()).statusCode());
    }

    @Test
    void everyBadUploadIsRefusedAndChangesNothing() {
        UUID deviceId = UUID.randomUUID();
        String cred = c.enroll(c.a1, deviceId);
        UUID otherDevice = UUID.randomUUID();
        c.enroll(c.b1, otherDevice);
        String secret = cred.substring(cred.indexOf('.') + 1);
        byte[] good = ConsoleFixture.json(SampleReports.report(deviceId, UUID.randomUUID()));
        JsonObject goodJson = new JsonObject(Buffer.buffer(good));

        refused("no credential", 401, "missing_credentials", () -> c.upload(null, good, true));
        refused("malformed credential", 401, "bad_credential", () -> c.upload("garbage", good, true));
        refused("unknown device", 401, "unknown_device", () -> c.upload(UUID.randomUUID() + "." + secret, good, true));
        refused("wrong secret", 401, "bad_credential", () -> c.upload(deviceId + ".AAAA" + secret.substring(4), good, true));
        refused("user token as device credential", 401, "bad_credential", () -> c.upload(c.tokenA, good, true));
        refused("not JSON", 400, null, () -> c.upload(cred, utf8("{\"schemaVersion\": 1, "), true));
        refused("JSON but not a report", 400, "invalid_request", () -> c.upload(cred, utf8("{}"), true));
        refused("a JSON array", 400, "invalid_request", () -> c.upload(cred, utf8("[1, 2]"), false));
        refused("unknown schema version", 400, "invalid_request",
                () -> c.upload(cred, goodJson.copy().put("schemaVersion", 99).toBuffer().getBytes(), true));
        JsonObject noValue = goodJson.copy();
        noValue.getJsonObject("facts").getJsonObject("patch.status").remove("value");
        refused("OK fact without value", 400, "invalid_request", () -> c.upload(cred, noValue.toBuffer().getBytes(), true));
        JsonObject badValue = goodJson.copy();
        badValue.getJsonObject("facts").getJsonObject("patch.status").getJsonObject("value").put("pending", "many");
        refused("fact value of the wrong shape", 400, "invalid_request",
                () -> c.upload(cred, badValue.toBuffer().getBytes(), true));
        JsonObject misKeyed = goodJson.copy();
        misKeyed.getJsonObject("facts").put("future.fact", new JsonObject().put("key", "other.fact")
                .put("status", "UNKNOWN").put("reason", new JsonObject().put("code", "x")));
        refused("fact stored under another key", 400, "bad_report",
                () -> c.upload(cred, misKeyed.toBuffer().getBytes(), true));
        refused("report of another device", 403, "device_mismatch", () -> c.upload(cred,
                ConsoleFixture.json(SampleReports.report(otherDevice, UUID.randomUUID())), true));
        refused("gzip label on plain bytes", 400, "bad_gzip", () -> raw("/api/v1/reports", cred, "application/json",
                "gzip", good));
        refused("unsupported encoding", 415, "unsupported_encoding", () -> raw("/api/v1/reports", cred,
                "application/json", "br", good));
        refused("wrong content type", 415, "unsupported_media_type", () -> raw("/api/v1/reports", cred, "text/plain", null, good));
        byte[] big = new byte[2 * 1024 * 1024 + 1];
        new java.util.Random(7).nextBytes(big);
        refused("compressed body over 2 MB", 413, "body_too_large", () -> raw("/api/v1/reports", cred,
                "application/json", "gzip", big));
        byte[] bomb = ConsoleFixture.gzip(new byte[100 * 1024 * 1024]);
        assertTrue(bomb.length < 2 * 1024 * 1024, "the bomb passes the compressed limit");
        refused("decompression bomb", 413, "decompressed_too_large", () -> raw("/api/v1/reports", cred,
                "application/json", "gzip", bomb));
        byte[] huge = new byte[16 * 1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        refused("uncompressed body over 16 MB", 413, "body_too_large", () -> raw("/api/v1/reports", cred,
                "application/json", null, huge));

        // after all that, the good report still goes in
        assertEquals(201, c.upload(cred, good, true).statusCode());
    }

    @Test
    void aRevokedDeviceCanNoLongerUpload() {
        UUID deviceId = UUID.randomUUID();
        String cred = c.enroll(c.a1, deviceId);
        assertEquals(201, c.upload(cred, ConsoleFixture.json(SampleReports.report(deviceId, UUID.randomUUID())), true)
                .statusCode());
        HttpResponse<Buffer> byViewer = c.post("/api/v1/devices/" + deviceId + "/revoke", c.tokenViewerA1).send().await();
        assertEquals(403, byViewer.statusCode(), byViewer.bodyAsString());
        assertEquals(204, c.post("/api/v1/devices/" + deviceId + "/revoke", c.tokenA).send().await().statusCode());
        refused("revoked device", 401, "device_revoked", () -> c.upload(cred,
                ConsoleFixture.json(SampleReports.report(deviceId, UUID.randomUUID())), true));
        JsonObject dev = c.get("/api/v1/devices/" + deviceId, c.tokenViewerA1).send().await().bodyAsJsonObject();
        assertEquals("revoked", dev.getString("status"));
        assertEquals(1, c.get("/api/v1/devices/" + deviceId + "/reports", c.tokenA).send().await().bodyAsJsonObject()
                .getJsonArray("reports").size(), "its history stays");
    }

    @Test
    void anEnrollmentCodeCannotTakeOverADeviceUntilAnAdminAllowsIt() {
        // issue 14 item 2: a code of the organisation plus an existing device's id re-bound the device and un-revoked it
        UUID deviceId = UUID.randomUUID();
        String cred = c.enroll(c.a1, deviceId);
        String code = c.code(c.tokenA, c.a1);
        refused("existing device, same organisation", 409, "device_id_taken", () -> enrollCall(code, deviceId));
        assertEquals(201, c.upload(cred, ConsoleFixture.json(SampleReports.report(deviceId, UUID.randomUUID())), true)
                .statusCode(), "the real agent's credential still works");
        assertEquals(204, c.post("/api/v1/devices/" + deviceId + "/revoke", c.tokenA).send().await().statusCode());
        refused("revoked device", 409, "device_id_taken", () -> enrollCall(code, deviceId));
        refused("still revoked", 401, "device_revoked", () -> c.upload(cred,
                ConsoleFixture.json(SampleReports.report(deviceId, UUID.randomUUID())), true));

        refused("viewer may not allow re-enrollment", 403, null,
                () -> c.post("/api/v1/devices/" + deviceId + "/allow-reenrollment", c.tokenViewerA1).send().await());
        refused("other tenant may not allow re-enrollment", 404, null,
                () -> c.post("/api/v1/devices/" + deviceId + "/allow-reenrollment", c.tokenB).send().await());
        HttpResponse<Buffer> allowed = c.post("/api/v1/devices/" + deviceId + "/allow-reenrollment", c.tokenA).send().await();
        assertEquals(200, allowed.statusCode(), allowed.bodyAsString());
        HttpResponse<Buffer> again = enrollCall(code, deviceId);
        assertEquals(201, again.statusCode(), again.bodyAsString());
        refused("the old credential is replaced", 401, null, () -> c.upload(cred,
                ConsoleFixture.json(SampleReports.report(deviceId, UUID.randomUUID())), true));
        assertEquals(201, c.upload(again.bodyAsJsonObject().getString("credential"),
                ConsoleFixture.json(SampleReports.report(deviceId, UUID.randomUUID())), true).statusCode());
    }

    @Test
    void otherTenantsSeeAndChangeNothing() {
        UUID deviceId = UUID.randomUUID();
        String cred = c.enroll(c.a2, deviceId);
        UUID reportId = UUID.randomUUID();
        assertEquals(201, c.upload(cred, ConsoleFixture.json(SampleReports.report(deviceId, reportId)), true).statusCode());
        UUID tokenIdA = c.store.accounts().createApiToken(c.adminA, "spreadsheet", c.clock.instant()).id();
        List<String> secrets = List.of(c.a2.id().toString(), c.a2.name(), deviceId.toString(), reportId.toString(),
                "srv-compta", tokenIdA.toString());

        Map<String, Integer> outsiders = new LinkedHashMap<>();
        outsiders.put(c.tokenB, 404);           // another provider: nothing exists
        outsiders.put(c.tokenViewerA1, 404);    // a customer of the same provider, another organisation
        for (var e : outsiders.entrySet()) {
            String t = e.getKey();
            List<Supplier<HttpResponse<Buffer>>> calls = new ArrayList<>();
            calls.add(() -> c.get("/api/v1/organisations/" + c.a2.id(), t).send().await());
            calls.add(() -> c.get("/api/v1/organisations/" + c.a2.id() + "/devices", t).send().await());
            calls.add(() -> c.get("/api/v1/devices/" + deviceId, t).send().await());
            calls.add(() -> c.get("/api/v1/devices/" + deviceId + "/reports", t).send().await());
            calls.add(() -> c.get("/api/v1/reports/" + reportId, t).send().await());
            calls.add(() -> c.get("/api/v1/reports/" + reportId + "/findings", t).send().await());
            calls.add(() -> c.http.deleteAbs(c.url("/api/v1/tokens/" + tokenIdA)).putHeader("Authorization", "Bearer " + t)
                    .send().await());
            for (Supplier<HttpResponse<Buffer>> call : calls) {
                Map<String, Long> before = c.counts();
                HttpResponse<Buffer> r = call.get();
                assertEquals(e.getValue(), r.statusCode(), r.bodyAsString());
                for (String s : secrets) {
                    assertFalse(r.bodyAsString().contains(s), "leaked " + s + " in " + r.bodyAsString());
                }
                assertEquals(before, c.counts());
            }
            // changes: 404 for another provider, 403 for a read-only customer
            int change = t.equals(c.tokenB) ? 404 : 403;
            refused("enrollment code for another tenant", change, null, () -> c.postJson(
                    "/api/v1/organisations/" + c.a2.id() + "/enrollment-codes", t, new JsonObject()));
            refused("revoke another tenant's device", change, null,
                    () -> c.post("/api/v1/devices/" + deviceId + "/revoke", t).send().await());
            String list = c.get("/api/v1/organisations", t).send().await().bodyAsString();
            assertFalse(list.contains(c.a2.id().toString()), list);
        }
        refused("device credential as user token", 401, "bad_token", () -> c.get("/api/v1/organisations", cred).send().await());
        assertEquals("active", c.get("/api/v1/devices/" + deviceId, c.tokenA).send().await().bodyAsJsonObject()
                .getString("status"));
    }

    @Test
    void tokensComeFromEmailAndPasswordAndCanBeRevoked() {
        HttpResponse<Buffer> r = c.postJson("/api/v1/tokens", null, new JsonObject().put("email", "Admin@Alpha.example")
                .put("password", ConsoleFixture.PASSWORD).put("label", "tableur"));
        assertEquals(201, r.statusCode(), r.bodyAsString());
        String token = r.bodyAsJsonObject().getString("token");
        String id = r.bodyAsJsonObject().getString("id");
        assertEquals(200, c.get("/api/v1/organisations", token).send().await().statusCode());
        assertEquals(204, c.http.deleteAbs(c.url("/api/v1/tokens/" + id)).putHeader("Authorization", "Bearer " + token)
                .send().await().statusCode());
        assertEquals("bad_token", error(c.get("/api/v1/organisations", token).send().await()).getString("code"));

        JsonObject wrong = new JsonObject().put("email", "admin@beta.example").put("password", "not the password");
        for (int i = 0; i < 10; i++) {
            assertEquals("bad_login", error(c.postJson("/api/v1/tokens", null, wrong)).getString("code"));
        }
        HttpResponse<Buffer> locked = c.postJson("/api/v1/tokens", null, wrong.copy().put("password", ConsoleFixture.PASSWORD));
        assertEquals(429, locked.statusCode(), "throttled even with the right password until the window passes");
        c.clock.advance(Duration.ofMinutes(61));
        assertEquals(201, c.postJson("/api/v1/tokens", null, wrong.copy().put("password", ConsoleFixture.PASSWORD))
                .statusCode());
        assertEquals(401, c.postJson("/api/v1/tokens", null, new JsonObject().put("email", "patron@martin.example")
                .put("password", "no password was ever set")).statusCode());
    }

    @Test
    void healthMetricsAndContractAreServed() {
        UUID deviceId = UUID.randomUUID();
        String cred = c.enroll(c.a1, deviceId);
        c.upload(cred, ConsoleFixture.json(SampleReports.report(deviceId, UUID.randomUUID())), true);
        HttpResponse<Buffer> health = c.get("/health", null).send().await();
        assertEquals(200, health.statusCode());
        assertEquals("ok", health.bodyAsJsonObject().getString("status"));
        String metrics = c.get("/metrics", null).send().await().bodyAsString();
        assertTrue(metrics.contains("vigie_reports_total{outcome=\"stored\"} 1.0"), metrics);
        assertTrue(metrics.contains("vertx_http_server_requests_total"), "Vert.x HTTP metrics");
        assertTrue(metrics.contains("jvm_memory_used_bytes"), "JVM metrics");
        HttpResponse<Buffer> api = c.get("/api/v1/openapi.yaml", null).send().await();
        assertTrue(api.bodyAsString().startsWith("openapi: 3.1.0"));
        HttpResponse<Buffer> missing = c.get("/api/v1/nothing-here", c.tokenA).send().await();
        assertEquals(404, missing.statusCode());
        assertEquals("not_found", error(missing).getString("code"));
    }

    /** Issue 14, items 5 and 8: the body is UTF-8, strict JSON, with bounded sizes; refusals write nothing. */
    @Test
    void reportsAreStrictUtf8JsonWithinBounds() {
        UUID deviceId = UUID.randomUUID();
        String credential = c.enroll(c.a1, deviceId);
        String good = new String(ConsoleFixture.json(SampleReports.report(deviceId, UUID.randomUUID())),
                StandardCharsets.UTF_8);
        refused("UTF-16 report", 400, "not_utf8", () -> c.upload(credential,
                ("\uFEFF" + good).getBytes(StandardCharsets.UTF_16LE), false));
        refused("UTF-16 report without BOM", 400, null, () -> c.upload(credential,
                good.getBytes(StandardCharsets.UTF_16LE), false));
        refused("Latin-1 report", 400, "not_utf8", () -> c.upload(credential,
                good.replace("srv-compta", "srv-comptabilit\u00e9").getBytes(StandardCharsets.ISO_8859_1), false));
        refused("text after the report", 400, "invalid_json", () -> c.upload(credential, utf8(good + " {}"), false));
        refused("a key twice", 400, "invalid_json", () -> c.upload(credential,
                utf8("{\"hostname\":\"x\"," + good.substring(1)), false));
        refused("schemaVersion 1e999999", 400, null, () -> c.upload(credential,
                utf8(good.replaceFirst("\"schemaVersion\":1", "\"schemaVersion\":1e999999")), false));
        refused("100 KB of unknown padding", 413, "too_much_unknown", () -> c.upload(credential,
                utf8("{\"padding\":\"" + "x".repeat(100_000) + "\"," + good.substring(1)), false));
        StringBuilder findings = new StringBuilder("[");
        for (int i = 0; i < 5_001; i++) {
            findings.append(i == 0 ? "" : ",").append("{}");
        }
        refused("5,001 findings", 413, "too_many_items", () -> c.upload(credential,
                utf8("{\"findings\":" + findings + "]," + good.substring(1).replace("\"findings\":", "\"f0\":")),
                false));
        StringBuilder hosts = new StringBuilder("[");
        for (int i = 0; i < 4_097; i++) {
            hosts.append(i == 0 ? "" : ",").append("{}");
        }
        refused("4,097 LAN hosts", 413, "too_many_items", () -> c.upload(credential,
                utf8("{\"lan\":{\"performed\":true,\"devices\":" + hosts + "]}," + good.substring(1)
                        .replace("\"lan\":", "\"l0\":")), false));
        // the well-formed report is stored, and read back
        assertEquals(201, c.upload(credential, utf8(good), false).statusCode());
        HttpResponse<Buffer> bad = c.get("/api/v1/devices/" + deviceId + "/reports?limit=1e3", c.tokenA).send().await();
        assertEquals(400, bad.statusCode(), bad.bodyAsString());
        HttpResponse<Buffer> list = c.get("/api/v1/devices/" + deviceId + "/reports", c.tokenA).send().await();
        assertEquals(200, list.statusCode(), list.bodyAsString());
    }
}
