package io.vigie.console.delivery;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vigie.agent.link.Enrollment;
import io.vigie.checks.report.ReportFile;
import io.vigie.console.AgentCli;
import io.vigie.console.AgentCli.Run;
import io.vigie.console.TestDatabases;
import io.vigie.console.TestDatabases.Backend;
import io.vigie.console.TestDatabases.TestDb;
import io.vigie.console.api.ConsoleFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real command line ({@code vigie enroll}, {@code check --out}, {@code check --send}, {@code send}) against a
 * console on loopback, and report files imported through {@code POST /api/v1/organisations/{id}/imports}.
 */
@ExtendWith(VertxExtension.class)
@EnabledOnOs(OS.LINUX) // live checks of this machine
class ImportEndToEndTest {

    @TempDir
    Path tmp;

    Run vigie(String... args) {
        return AgentCli.run(tmp.resolve("home"), args);
    }

    HttpResponse<Buffer> importFile(ConsoleFixture c, UUID org, String token, byte[] file) {
        return c.post("/api/v1/organisations/" + org + "/imports", token).putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(file)).await();
    }

    Map<String, Long> counts(ConsoleFixture c) {
        Map<String, Long> m = new HashMap<>(c.counts());
        return m;
    }

    @Test
    void aSignedFileIsImportedAuthenticatedAndAnEditedOneIsRefused(Vertx vertx) throws Exception {
        try (TestDb db = TestDatabases.create(Backend.SQLITE, tmp);
             ConsoleFixture c = new ConsoleFixture(vertx, db.url(), tmp)) {
            Path state = tmp.resolve("state");
            Run enroll = vigie("enroll", "--console", c.server.localUrl(), "--code", c.code(c.tokenA, c.a1),
                    "--state-dir", state.toString());
            assertEquals(0, enroll.code(), enroll.err());
            UUID device = Enrollment.load(state).orElseThrow().deviceId();

            // check --send: spooled, then delivered
            Run send = vigie("check", "--send", "--state-dir", state.toString());
            assertEquals(0, send.code(), send.err());
            assertTrue(send.err().contains("transmis à la console"), send.err());
            assertEquals(1L, c.counts().get("reports"));
            assertTrue(Files.list(state.resolve("spool")).noneMatch(p -> p.toString().endsWith(".json")));
            Run nothing = vigie("send", "--state-dir", state.toString());
            assertEquals(0, nothing.code(), nothing.err());
            assertTrue(nothing.out().contains("Aucun rapport en attente"), nothing.out());

            // check --out: a signed file
            Path file = tmp.resolve("rapport.vigie.json");
            Run out = vigie("check", "--out", file.toString(), "--state-dir", state.toString());
            assertEquals(0, out.code(), out.err());
            byte[] bytes = Files.readAllBytes(file);
            ReportFile.Envelope env = ReportFile.parse(bytes);
            assertTrue(env.signed());
            assertEquals(device, env.deviceId());

            Map<String, Long> before = counts(c);
            // edited (a fact changed inside the report): refused, nothing stored
            String edited = new String(bytes, StandardCharsets.UTF_8).replaceFirst("\\\\\"status\\\\\" ?: ?\\\\\"[A-Z_]+\\\\\"",
                    "\\\\\"status\\\\\":\\\\\"NOT_APPLICABLE\\\\\"");
            assertFalse(edited.equals(new String(bytes, StandardCharsets.UTF_8)), "the test must really edit the file");
            HttpResponse<Buffer> refused = importFile(c, c.a1.id(), c.tokenA, edited.getBytes(StandardCharsets.UTF_8));
            assertEquals(422, refused.statusCode(), refused.bodyAsString());
            assertEquals("bad_signature", refused.bodyAsJsonObject().getJsonObject("error").getString("code"));
            // truncated: refused
            HttpResponse<Buffer> truncated = importFile(c, c.a1.id(), c.tokenA, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            assertEquals(400, truncated.statusCode(), truncated.bodyAsString());
            // into another provider's organisation: the device is not enrolled there
            HttpResponse<Buffer> elsewhere = importFile(c, c.b1.id(), c.tokenB, bytes);
            assertEquals(422, elsewhere.statusCode(), elsewhere.bodyAsString());
            // a read-only customer viewer may not import; another provider cannot even see A1
            assertEquals(403, importFile(c, c.a1.id(), c.tokenViewerA1, bytes).statusCode());
            assertEquals(404, importFile(c, c.a1.id(), c.tokenB, bytes).statusCode());
            assertEquals(before, counts(c), "a refused file stores nothing");

            HttpResponse<Buffer> ok = importFile(c, c.a1.id(), c.tokenA, bytes);
            assertEquals(201, ok.statusCode(), ok.bodyAsString());
            JsonObject imported = ok.bodyAsJsonObject();
            assertTrue(imported.getBoolean("authenticated"));
            assertEquals(device.toString(), imported.getString("deviceId"));
            assertEquals(c.a1.id().toString(), imported.getString("organisationId"));
            assertEquals(200, importFile(c, c.a1.id(), c.tokenA, bytes).statusCode(), "importing twice changes nothing");
            assertEquals(2L, c.counts().get("reports"));

            JsonObject read = c.get("/api/v1/reports/" + imported.getString("reportId"), c.tokenViewerA1).send().await()
                    .bodyAsJsonObject();
            assertEquals(c.a1.id().toString(), read.getJsonObject("summary").getString("organisationId"));
            assertEquals(device.toString(), read.getJsonObject("summary").getString("deviceId"));
            assertEquals("import", read.getJsonObject("delivery").getString("source"));
            assertTrue(read.getJsonObject("delivery").getBoolean("authenticated"));
            JsonObject dev = c.get("/api/v1/devices/" + device, c.tokenA).send().await().bodyAsJsonObject();
            assertEquals(1L, dev.getJsonObject("delivery").getLong("imports"));
            assertEquals(0L, dev.getJsonObject("delivery").getLong("unauthenticatedImports"));
        }
    }

    @Test
    void aNeverEnrolledAgentsFileIsImportedMarkedUnauthenticated(Vertx vertx) throws Exception {
        try (TestDb db = TestDatabases.create(Backend.SQLITE, tmp);
             ConsoleFixture c = new ConsoleFixture(vertx, db.url(), tmp)) {
            Path state = tmp.resolve("lonely");
            Path file = tmp.resolve("poste-isole.json");
            Run out = vigie("check", "--out", file.toString(), "--state-dir", state.toString(), "--lang", "en");
            assertEquals(0, out.code(), out.err());
            byte[] bytes = Files.readAllBytes(file);
            ReportFile.Envelope env = ReportFile.parse(bytes);
            assertFalse(env.signed());

            Map<String, Long> before = counts(c);
            String damaged = new String(bytes, StandardCharsets.UTF_8).replaceFirst("\\\\\"hostname\\\\\" ?: ?\\\\\"", "\\\\\"hostname\\\\\":\\\\\"X");
            assertFalse(damaged.equals(new String(bytes, StandardCharsets.UTF_8)));
            HttpResponse<Buffer> bad = importFile(c, c.a2.id(), c.tokenA, damaged.getBytes(StandardCharsets.UTF_8));
            assertEquals(422, bad.statusCode(), bad.bodyAsString());
            assertEquals("bad_checksum", bad.bodyAsJsonObject().getJsonObject("error").getString("code"));
            assertEquals(before, counts(c));

            HttpResponse<Buffer> ok = importFile(c, c.a2.id(), c.tokenA, bytes);
            assertEquals(201, ok.statusCode(), ok.bodyAsString());
            assertFalse(ok.bodyAsJsonObject().getBoolean("authenticated"));
            String reportId = ok.bodyAsJsonObject().getString("reportId");
            JsonObject read = c.get("/api/v1/reports/" + reportId, c.tokenA).send().await().bodyAsJsonObject();
            assertFalse(read.getJsonObject("delivery").getBoolean("authenticated"), read.encode());
            assertEquals(c.a2.id().toString(), read.getJsonObject("summary").getString("organisationId"));
            JsonObject devices = c.get("/api/v1/organisations/" + c.a2.id() + "/devices", c.tokenA).send().await().bodyAsJsonObject();
            assertEquals(1, devices.getJsonArray("devices").size());
            assertEquals(env.deviceId().toString(), devices.getJsonArray("devices").getJsonObject(0).getString("id"));
            assertEquals(1L, devices.getJsonArray("devices").getJsonObject(0).getJsonObject("delivery").getLong("unauthenticatedImports"));
            // the same device id in another organisation: refused, nothing stored
            Map<String, Long> mid = counts(c);
            assertEquals(409, importFile(c, c.a1.id(), c.tokenA, bytes).statusCode());
            assertEquals(mid, counts(c));
        }
    }
}
