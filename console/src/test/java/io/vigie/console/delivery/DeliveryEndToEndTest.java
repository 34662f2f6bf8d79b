package io.vigie.console.delivery;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigie.agent.link.Backoff;
import io.vigie.agent.link.ConsoleClient;
import io.vigie.agent.link.ConsoleException;
import io.vigie.agent.link.Courier;
import io.vigie.agent.link.Enrollment;
import io.vigie.agent.link.Spool;
import io.vigie.checks.report.Report;
import io.vigie.console.SampleReports;
import io.vigie.console.TestDatabases;
import io.vigie.console.TestDatabases.Backend;
import io.vigie.console.TestDatabases.TestDb;
import io.vigie.console.api.ConsoleFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vigie.checks.json.Json;
import io.vigie.checks.report.ReportFile;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent's spool and courier against a real console on loopback: console down, console back, a send cut after
 * the console stored the report, a full spool whose gap shows on the console.
 */
@ExtendWith(VertxExtension.class)
class DeliveryEndToEndTest {

    @TempDir
    Path tmp;

    final List<Duration> sleeps = new ArrayList<>();
    final List<String> log = new ArrayList<>();

    Courier courier(Spool spool, int attempts) {
        Courier.Settings s = new Courier.Settings(attempts, Duration.ofSeconds(2), Duration.ofSeconds(60));
        return new Courier(new ConsoleClient(), spool, s, new Backoff(s.base(), s.max(), new Random(7)), sleeps::add, log::add);
    }

    /** Enrolls a new device into A1 and returns its enrollment (as EnrollCommand would save it). */
    static Enrollment enroll(ConsoleFixture c) {
        UUID device = UUID.randomUUID();
        String credential = c.enroll(c.a1, device);
        return new Enrollment(URI.create(c.server.localUrl()), device, credential.substring(37), c.a1.id(), ConsoleFixture.START);
    }

    static Enrollment at(Enrollment e, URI url) {
        return new Enrollment(url, e.deviceId(), e.secret(), e.organisationId(), e.enrolledAt(), e.pin());
    }

    static Report report(UUID device, int minute) {
        Report r = SampleReports.report(device, UUID.randomUUID());
        Instant end = SampleReports.AT.plus(Duration.ofMinutes(minute));
        return new Report(r.schemaVersion(), r.reportId(), r.deviceId(), r.hostname(), r.platform(), r.agentVersion(),
                r.catalogueVersion(), end.minusSeconds(4), end, r.facts(), r.findings(), r.lan());
    }

    static URI closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
    }

    @Test
    void reportsWaitWhileTheConsoleIsDownThenAllGoOnceAndOnlyOnce(Vertx vertx) throws Exception {
        try (TestDb db = TestDatabases.create(Backend.SQLITE, tmp);
             ConsoleFixture c = new ConsoleFixture(vertx, db.url(), tmp)) {
            Enrollment real = enroll(c);
            Enrollment down = at(real, closedPort());
            Spool spool = new Spool(tmp.resolve("state"), Spool.Limits.DEFAULTS, log::add);
            for (int i = 0; i < 3; i++) {
                spool.add(report(real.deviceId(), i));
                Courier.Result r = courier(spool, 3).flush(down);
                assertEquals(0, r.delivered());
                assertEquals(i + 1, r.remaining());
                assertEquals(ConsoleException.Kind.CONNECTION_REFUSED, r.stoppedBy().kind());
            }
            // bounded: 3 attempts per run, so 2 waits per run, growing within [half, full] of 2 s, 4 s
            assertEquals(6, sleeps.size());
            for (int run = 0; run < 3; run++) {
                Duration first = sleeps.get(2 * run);
                Duration second = sleeps.get(2 * run + 1);
                assertTrue(first.toMillis() >= 1000 && first.toMillis() <= 2000, first.toString());
                assertTrue(second.toMillis() >= 2000 && second.toMillis() <= 4000, second.toString());
            }
            assertEquals(0L, c.counts().get("reports"));
            assertEquals(3, spool.entries().size());

            Courier.Result back = courier(spool, 3).flush(real);
            assertEquals(3, back.delivered());
            assertEquals(0, back.remaining());
            assertNull(back.stoppedBy());
            assertEquals(3L, c.counts().get("reports"));
            assertTrue(spool.entries().isEmpty());
            // a second flush has nothing to send; nothing is stored twice
            assertEquals(0, courier(spool, 3).flush(real).delivered());
            assertEquals(3L, c.counts().get("reports"));
        }
    }

    /**
     * A loopback relay that passes the request to the console, waits for its answer, then cuts the agent's
     * connection without passing the answer on: the console stored the report, the agent never heard it.
     */
    static final class CuttingRelay implements AutoCloseable {
        final ServerSocket server;
        final AtomicInteger relayed = new AtomicInteger();
        final Thread thread;

        CuttingRelay(int consolePort) throws IOException {
            server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket agent = server.accept();
                         Socket console = new Socket(InetAddress.getLoopbackAddress(), consolePort)) {
                        InputStream fromAgent = agent.getInputStream();
                        OutputStream toConsole = console.getOutputStream();
                        Thread pump = new Thread(() -> {
                            byte[] b = new byte[8192];
                            try {
                                for (int n; (n = fromAgent.read(b)) > 0; ) {
                                    toConsole.write(b, 0, n);
                                    toConsole.flush();
                                }
                            } catch (IOException ignored) {
                                // cut
                            }
                        });
                        pump.setDaemon(true);
                        pump.start();
                        // read the console's whole answer (until it goes quiet): it has stored the report
                        console.setSoTimeout(700);
                        int got = 0;
                        byte[] b = new byte[8192];
                        try {
                            for (int n; (n = console.getInputStream().read(b)) > 0; ) {
                                got += n;
                            }
                        } catch (java.net.SocketTimeoutException quiet) {
                            // done
                        }
                        if (got > 0) {
                            relayed.incrementAndGet();
                        }
                        agent.setSoLinger(true, 0); // reset, not a clean close
                    } catch (IOException e) {
                        // closed
                    }
                }
            }, "cutting-relay");
            thread.setDaemon(true);
            thread.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    @Test
    void aSendCutAfterTheConsoleStoredItIsAcknowledgedNextTimeNotDuplicated(Vertx vertx) throws Exception {
        try (TestDb db = TestDatabases.create(Backend.SQLITE, tmp);
             ConsoleFixture c = new ConsoleFixture(vertx, db.url(), tmp);
             CuttingRelay relay = new CuttingRelay(URI.create(c.server.localUrl()).getPort())) {
            Enrollment real = enroll(c);
            Spool spool = new Spool(tmp.resolve("state"), Spool.Limits.DEFAULTS, log::add);
            Report r = report(real.deviceId(), 0);
            spool.add(r);

            Courier.Result cut = courier(spool, 1).flush(at(real, relay.url()));
            assertEquals(0, cut.delivered());
            assertEquals(1, cut.remaining(), "no acknowledgement: the report stays in the spool");
            assertNotNull(cut.stoppedBy());
            assertTrue(cut.stoppedBy().retryable(), cut.stoppedBy().toString());
            assertEquals(1, relay.relayed.get());
            assertEquals(1L, c.counts().get("reports"), "the console stored it");

            Courier.Result next = courier(spool, 1).flush(real);
            assertEquals(0, next.delivered());
            assertEquals(1, next.alreadyStored(), "the console answers 200 already stored");
            assertTrue(spool.entries().isEmpty());
            assertEquals(1L, c.counts().get("reports"), "stored once");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aFullSpoolDropsTheOldestAndTheGapShowsOnTheConsole(Backend backend, Vertx vertx) throws Exception {
        try (TestDb db = TestDatabases.create(backend, tmp);
             ConsoleFixture c = new ConsoleFixture(vertx, db.url(), tmp)) {
            Enrollment real = enroll(c);
            Spool spool = new Spool(tmp.resolve("state"), new Spool.Limits(2, 64L * 1024 * 1024), log::add);
            List<Report> kept = new ArrayList<>();
            int droppedNow = 0;
            for (int i = 0; i < 5; i++) {
                Spool.Added a = spool.add(report(real.deviceId(), i));
                kept.add(a.report());
                droppedNow += a.droppedNow();
            }
            assertEquals(2, spool.entries().size());
            assertEquals(3, droppedNow, "each drop is reported to the caller, which warns");
            // r1, r2 and r3 dropped: r4 carries 1 (r2), r5 carries 2 (r3 and the r1 that r3 carried)
            assertEquals(1, kept.get(3).delivery().droppedBefore());
            assertEquals(2, kept.get(4).delivery().droppedBefore());

            assertEquals(2, courier(spool, 1).flush(real).delivered());
            assertEquals(2L, c.counts().get("reports"));
            assertEquals(2L, c.store.rowCounts().get("report_delivery"));

            JsonObject device = c.get("/api/v1/devices/" + real.deviceId(), c.tokenViewerA1).send().await().bodyAsJsonObject();
            assertEquals(3L, device.getJsonObject("delivery").getLong("droppedReports"), device.encode());
            JsonObject r5 = c.get("/api/v1/reports/" + kept.get(4).reportId(), c.tokenA).send().await().bodyAsJsonObject();
            assertEquals(2, r5.getJsonObject("delivery").getInteger("droppedBefore"), r5.encode());
            assertEquals("upload", r5.getJsonObject("delivery").getString("source"));
            assertEquals(2, r5.getJsonObject("report").getJsonObject("delivery").getInteger("droppedBefore"));
            JsonArray list = c.get("/api/v1/devices/" + real.deviceId() + "/reports", c.tokenA).send().await()
                    .bodyAsJsonObject().getJsonArray("reports");
            assertEquals(2, list.size());
            int total = 0;
            for (int i = 0; i < list.size(); i++) {
                total += list.getJsonObject(i).getJsonObject("delivery").getInteger("droppedBefore");
            }
            assertEquals(3, total, list.encode());
            // the gaps: r4 lost r2 (08:16); r5 lost r3 (08:17) and the r1 (08:15) r3 carried
            assertEquals(Instant.parse("2026-03-02T08:16:00Z"), kept.get(3).delivery().droppedFrom());
            assertEquals(Instant.parse("2026-03-02T08:16:00Z"), kept.get(3).delivery().droppedTo());
            assertEquals(Instant.parse("2026-03-02T08:15:00Z"), kept.get(4).delivery().droppedFrom());
            assertEquals(Instant.parse("2026-03-02T08:17:00Z"), kept.get(4).delivery().droppedTo());
            assertEquals("2026-03-02T08:15:00Z", r5.getJsonObject("delivery").getString("droppedFrom"));


            // a damaged entry is set aside; the next report still goes
            Files.writeString(spool.dir().resolve("0000000000001-" + UUID.randomUUID() + ".json"), "{\"reportId\": tronqu");
            spool.add(report(real.deviceId(), 10));
            Courier.Result r = courier(spool, 1).flush(real);
            assertEquals(1, r.delivered());
            assertEquals(1, r.setAside());
            assertTrue(log.stream().anyMatch(l -> l.startsWith("error: damaged spool entry")), log.toString());
            try (var files = Files.list(spool.dir())) {
                assertEquals(1, files.filter(p -> p.toString().endsWith(".bad")).count());
            }
            assertFalse(spool.entries().stream().anyMatch(e -> e.name().endsWith(".bad")));
            assertEquals(3L, c.counts().get("reports"));
        }
    }

    Map<String, Long> counts(ConsoleFixture c) {
        Map<String, Long> m = new HashMap<>(c.counts());
        return m;
    }

    HttpResponse<Buffer> importFile(ConsoleFixture c, UUID org, String file) {
        return c.post("/api/v1/organisations/" + org + "/imports", c.tokenA).putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer(file.getBytes(StandardCharsets.UTF_8))).await();
    }

    /** Report files on every backend (the live command-line path is ImportEndToEndTest). */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void reportFilesAreImportedOrRefusedWithoutATrace(Backend backend, Vertx vertx) throws Exception {
        try (TestDb db = TestDatabases.create(backend, tmp);
             ConsoleFixture c = new ConsoleFixture(vertx, db.url(), tmp)) {
            Enrollment e = enroll(c);
            Report r = report(e.deviceId(), 0);
            String json = Json.mapper().writeValueAsString(r);
            String signed = ReportFile.signed(e.deviceId(), json, ReportFile.deviceKey(e.secret()));
            Map<String, Long> before = counts(c);
            String forged = ReportFile.signed(e.deviceId(), json.replace("srv-compta", "srv-autre"),
                    ReportFile.deviceKey("not-the-secret"));
            assertEquals(422, importFile(c, c.a1.id(), forged).statusCode());
            assertEquals(422, importFile(c, c.a2.id(), signed).statusCode(), "enrolled in A1, not A2");
            assertEquals(before, counts(c));
            HttpResponse<Buffer> ok = importFile(c, c.a1.id(), signed);
            assertEquals(201, ok.statusCode(), ok.bodyAsString());
            assertTrue(ok.bodyAsJsonObject().getBoolean("authenticated"));

            UUID lonely = UUID.randomUUID();
            Report lr = report(lonely, 1).withDelivery(new io.vigie.checks.report.Delivery(2, null, null));
            String checksummed = ReportFile.checksummed(lonely, Json.mapper().writeValueAsString(lr));
            HttpResponse<Buffer> unauth = importFile(c, c.a2.id(), checksummed);
            assertEquals(201, unauth.statusCode(), unauth.bodyAsString());
            assertFalse(unauth.bodyAsJsonObject().getBoolean("authenticated"));
            JsonObject dev = c.get("/api/v1/devices/" + lonely, c.tokenA).send().await().bodyAsJsonObject();
            assertEquals(c.a2.id().toString(), dev.getString("organisationId"));
            assertEquals(1L, dev.getJsonObject("delivery").getLong("unauthenticatedImports"));
            assertEquals(2L, dev.getJsonObject("delivery").getLong("droppedReports"));
            JsonObject read = c.get("/api/v1/reports/" + lr.reportId(), c.tokenA).send().await().bodyAsJsonObject();
            assertFalse(read.getJsonObject("delivery").getBoolean("authenticated"));
            assertEquals("import", read.getJsonObject("delivery").getString("source"));
            assertEquals(2L, c.counts().get("reports"));
            assertEquals(2L, c.store.rowCounts().get("report_delivery"));
            // the imported device cannot upload: its stored credential matches no secret
            assertEquals(401, c.upload(lonely + ".anything", ConsoleFixture.json(report(lonely, 2)), false).statusCode());
        }
    }
}
