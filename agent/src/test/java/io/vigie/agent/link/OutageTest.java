package io.vigie.agent.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.vigie.checks.json.Json;
import io.vigie.checks.report.LanDiscovery;
import io.vigie.checks.report.Report;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14: the console is down for a simulated week while the agent runs every 6 hours (an injected clock moves,
 * nothing sleeps); each run spools its report and tries to deliver, as {@code vigie check --send} does. When the
 * console comes back (a loopback fake that stores by report id, on the same address) every report spooled is
 * delivered exactly once, oldest first — including the one whose first send was cut after the console stored it.
 */
class OutageTest {

    static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    static final Duration EVERY = Duration.ofHours(6);
    static final int RUNS_DOWN = 7 * 4; // 7 days, a run every 6 h

    /** The console: stores each report id once; 201 the first time, 200 "already stored" after. */
    final Map<UUID, Integer> stored = Collections.synchronizedMap(new LinkedHashMap<>());
    final List<UUID> arrivals = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger posts = new AtomicInteger();
    /** The spool's "dropped before this one" counts, as the console received them. */
    final AtomicInteger droppedTold = new AtomicInteger();
    /** Store the next report, then cut the connection without answering (the agent must not count it as sent). */
    final AtomicBoolean cutAfterStoring = new AtomicBoolean();
    HttpServer server;
    final UUID device = UUID.randomUUID();

    @TempDir
    Path state;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    void startConsole(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", ex -> {
            posts.incrementAndGet();
            byte[] body;
            try (InputStream raw = ex.getRequestBody();
                 InputStream in = "gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))
                         ? new GZIPInputStream(raw) : raw) {
                body = in.readAllBytes();
            }
            JsonNode report = Json.mapper().readTree(body);
            UUID id = UUID.fromString(report.path("reportId").asText());
            boolean first = stored.putIfAbsent(id, 1) == null;
            if (!first) {
                stored.merge(id, 1, Integer::sum);
            } else {
                arrivals.add(id);
                droppedTold.addAndGet(report.path("delivery").path("droppedBefore").asInt(0));
            }
            if (cutAfterStoring.getAndSet(false)) {
                ex.close(); // stored, but the agent never hears it
                return;
            }
            byte[] answer = (first ? "{\"status\":\"stored\"}" : "{\"status\":\"already_stored\"}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(first ? 201 : 200, answer.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(answer);
            }
        });
        server.start();
    }

    Report report(Instant at) {
        return new Report(Report.SCHEMA_VERSION, UUID.randomUUID(), device, "pc", "linux", "0.1", "0", at.minusSeconds(40),
                at, Map.of(), List.of(), LanDiscovery.notPerformed());
    }

    /** One scheduled run at {@code clock}'s time: keep the report, then send what waits. */
    static Courier.Result run(Spool spool, Courier courier, Enrollment e, Report r) throws IOException {
        spool.add(r);
        return courier.flush(e);
    }

    Courier courier(Clock clock, List<Duration> sleeps) {
        Courier.Settings s = Courier.Settings.DEFAULTS;
        ConsoleClient client = new ConsoleClient(ConsoleClient.Network.DIRECT.withTimeouts(Duration.ofSeconds(2),
                Duration.ofSeconds(10)), clock);
        return new Courier(client, new Spool(state, limits, w -> { }), s, new Backoff(s.base(), s.max(), new Random(7)),
                sleeps::add, line -> { });
    }

    Spool.Limits limits = Spool.Limits.DEFAULTS;

    @Test
    void aWeekWithoutConsoleThenEveryReportArrivesOnceInOrder() throws Exception {
        startConsole(0);
        int port = server.getAddress().getPort();
        URI url = URI.create("http://127.0.0.1:" + port);
        Enrollment enrollment = new Enrollment(url, device, "secret", null, Instant.EPOCH);
        server.stop(0); // the console goes down: connections are refused from now on
        server = null;

        List<UUID> made = new ArrayList<>();
        List<Duration> sleeps = new ArrayList<>();
        Instant now = START;
        for (int i = 0; i < RUNS_DOWN; i++) {
            Clock clock = Clock.fixed(now, ZoneOffset.UTC);
            Spool spool = new Spool(state, limits, w -> { });
            Report r = report(now);
            made.add(r.reportId());
            Courier.Result res = run(spool, courier(clock, sleeps), enrollment, r);
            assertEquals(0, res.delivered());
            assertEquals(i + 1, res.remaining(), "every report waits in the spool");
            assertNotNull(res.stoppedBy(), "the run stops on the unreachable console");
            assertTrue(res.stoppedBy().retryable(), res.stoppedBy().toString());
            now = now.plus(EVERY);
        }
        assertEquals(RUNS_DOWN * (Courier.Settings.DEFAULTS.maxAttempts() - 1), sleeps.size(),
                "bounded retries per run, on the first report only: never a busy loop");
        assertEquals(0, posts.get());

        // the console returns on the same address; its first store is cut before the answer
        startConsoleOnSamePort(port);
        cutAfterStoring.set(true);
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        Report back = report(now);
        made.add(back.reportId());
        Courier.Result res = run(new Spool(state, limits, w -> { }), courier(clock, sleeps), enrollment, back);
        assertEquals(0, res.remaining(), "nothing left waiting");
        assertNull(res.stoppedBy());
        assertEquals(RUNS_DOWN, res.delivered());
        assertEquals(made, arrivals, "every report stored, oldest first, none lost");
        assertEquals(RUNS_DOWN + 1, stored.size(), "stored exactly once each (the cut one was acknowledged as already stored)");
        assertEquals(1, res.alreadyStored(), "the report whose answer was cut came back as already stored");
        assertTrue(new Spool(state, limits, w -> { }).entries().isEmpty(), "the spool is empty");
    }

    @Test
    void aSmallConfiguredSpoolKeepsTheNewestAndTellsTheConsoleOnceAboutTheRest() throws Exception {
        limits = new Spool.Limits(10, Spool.Limits.DEFAULTS.maxBytes());
        startConsole(0);
        int port = server.getAddress().getPort();
        Enrollment enrollment = new Enrollment(URI.create("http://127.0.0.1:" + port), device, "secret", null, Instant.EPOCH);
        server.stop(0);
        server = null;
        List<UUID> made = new ArrayList<>();
        List<Duration> sleeps = new ArrayList<>();
        Instant now = START;
        for (int i = 0; i < RUNS_DOWN; i++) {
            Report r = report(now);
            made.add(r.reportId());
            Courier.Result res = run(new Spool(state, limits, w -> { }), courier(Clock.fixed(now, ZoneOffset.UTC), sleeps),
                    enrollment, r);
            assertEquals(Math.min(i + 1, 10), res.remaining(), "the spool holds at most its configured 10 reports");
            now = now.plus(EVERY);
        }
        startConsoleOnSamePort(port);
        Courier.Result res = courier(Clock.fixed(now, ZoneOffset.UTC), sleeps).flush(enrollment);
        assertEquals(10, res.delivered());
        assertEquals(0, res.remaining());
        assertEquals(made.subList(RUNS_DOWN - 10, RUNS_DOWN), arrivals, "the 10 newest, oldest first, once each");
        assertTrue(stored.values().stream().allMatch(n -> n == 1));
        assertEquals(10, posts.get(), "no report sent twice");
        assertEquals(RUNS_DOWN - 10, droppedTold.get(), "the 18 dropped reports are told to the console, once");
    }

    /** The console restarts on the port the agent is enrolled with (a just-closed listening port is reusable). */
    void startConsoleOnSamePort(int port) throws Exception {
        for (int i = 0; ; i++) {
            try {
                startConsole(port);
                return;
            } catch (BindException e) {
                if (i == 20) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
