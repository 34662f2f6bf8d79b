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
            assertEquals(c.server.store().consoleVerdicts(c.adminA, reportId).orElseThrow().catalogueVersion(),
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
}
