package io.vigie.agent.link;

import com.sun.net.httpserver.HttpServer;
import io.vigie.agent.link.ConsoleException.Kind;
import io.vigie.checks.report.LanDiscovery;
import io.vigie.checks.report.Report;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The courier against a small scripted HTTP server on loopback: 500s, a hanging console, refusals. */
class CourierTest {

    /** status, or 0 to hang (never answer). */
    final AtomicReference<int[]> script = new AtomicReference<>(new int[] {201});
    final AtomicInteger hits = new AtomicInteger();
    final CountDownLatch release = new CountDownLatch(1);
    HttpServer server;
    URI url;
    final UUID device = UUID.randomUUID();
    final List<Duration> sleeps = new ArrayList<>();
    final List<String> log = new ArrayList<>();

    @TempDir
    Path state;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", ex -> {
            int n = hits.getAndIncrement();
            try (InputStream in = ex.getRequestBody()) {
                in.readAllBytes();
            }
            int[] s = script.get();
            int status = s[Math.min(n, s.length - 1)];
            if (status == 0) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ex.close();
                return;
            }
            String body = status == 201 ? "{\"status\":\"stored\"}" : status == 401
                    ? "{\"error\":{\"code\":\"device_revoked\",\"message\":\"revoked\"}}"
                    : status == 400 ? "{\"error\":{\"code\":\"bad_report\",\"message\":\"no facts\"}}"
                    : "{\"error\":{\"code\":\"internal\",\"message\":\"boom\"}}";
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(b);
            }
        });
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    Report report(int minute) {
        Instant t = Instant.parse("2026-03-02T08:00:00Z").plus(Duration.ofMinutes(minute));
        return new Report(Report.SCHEMA_VERSION, UUID.randomUUID(), device, "pc", "linux", "0.1", "0", t, t,
                Map.of(), List.of(), LanDiscovery.notPerformed());
    }

    Courier courier(Spool spool, int attempts, Duration requestTimeout) {
        Courier.Settings s = new Courier.Settings(attempts, Duration.ofSeconds(1), Duration.ofSeconds(5));
        ConsoleClient client = new ConsoleClient(ConsoleClient.Network.DIRECT.withTimeouts(Duration.ofSeconds(2), requestTimeout),
                Clock.systemUTC());
        return new Courier(client, spool, s, new Backoff(s.base(), s.max(), new Random(1)), sleeps::add, log::add);
    }

    Enrollment enrollment() {
        return new Enrollment(url, device, "secret", null, Instant.EPOCH);
    }

    @Test
    void serverErrorsAreRetriedWithGrowingJitteredWaitsThenLeftForTheNextRun() throws Exception {
        script.set(new int[] {500});
        Spool spool = new Spool(state, Spool.Limits.DEFAULTS, log::add);
        spool.add(report(0));
        spool.add(report(1));
        Courier.Result r = courier(spool, 5, Duration.ofSeconds(10)).flush(enrollment());
        assertEquals(5, hits.get(), "bounded: 5 attempts, then the run stops (the second report is not tried)");
        assertEquals(Kind.SERVER_ERROR, r.stoppedBy().kind());
        assertEquals(2, r.remaining());
        assertEquals(4, sleeps.size());
        long[] ceilings = {1000, 2000, 4000, 5000};
        for (int i = 0; i < 4; i++) {
            long ms = sleeps.get(i).toMillis();
            assertTrue(ms >= ceilings[i] / 2 && ms <= ceilings[i], i + ": " + ms);
        }
        assertEquals(2, spool.entries().size());

        // the console recovers: the next run delivers both
        script.set(new int[] {201});
        hits.set(0);
        Courier.Result next = courier(spool, 5, Duration.ofSeconds(10)).flush(enrollment());
        assertEquals(2, next.delivered());
        assertNull(next.stoppedBy());
        assertTrue(spool.entries().isEmpty());
    }

    @Test
    void aHangingConsoleTimesOutAndIsRetried() throws Exception {
        script.set(new int[] {0, 0, 201});
        Spool spool = new Spool(state, Spool.Limits.DEFAULTS, log::add);
        spool.add(report(0));
        Courier.Result r = courier(spool, 3, Duration.ofMillis(300)).flush(enrollment());
        assertEquals(1, r.delivered(), r.toString());
        assertEquals(3, hits.get());
        assertEquals(2, sleeps.size());
        assertTrue(spool.entries().isEmpty());
    }

    @Test
    void aRevokedDeviceStopsTheRunAndKeepsEveryReport() throws Exception {
        script.set(new int[] {401});
        Spool spool = new Spool(state, Spool.Limits.DEFAULTS, log::add);
        spool.add(report(0));
        spool.add(report(1));
        Courier.Result r = courier(spool, 4, Duration.ofSeconds(10)).flush(enrollment());
        assertEquals(Kind.DEVICE_REVOKED, r.stoppedBy().kind());
        assertEquals(1, hits.get(), "not retried");
        assertTrue(sleeps.isEmpty());
        assertEquals(2, spool.entries().size());
    }

    @Test
    void aReportTheConsoleRefusesIsSetAsideAndTheOthersStillGo() throws Exception {
        script.set(new int[] {400, 201});
        Spool spool = new Spool(state, Spool.Limits.DEFAULTS, log::add);
        Spool.Entry first = spool.add(report(0)).entry();
        spool.add(report(1));
        Courier.Result r = courier(spool, 4, Duration.ofSeconds(10)).flush(enrollment());
        assertEquals(1, r.delivered());
        assertEquals(1, r.setAside());
        assertTrue(Files.exists(first.file().resolveSibling(first.name() + ".refused")));
        assertEquals(List.of(first.file().resolveSibling(first.name() + ".refused")),
                r.setAsideFiles().stream().map(Courier.SetAside::file).toList());
        assertTrue(spool.entries().isEmpty());
    }

    @Test
    void spoolFilesArePrivateWholeAndBoundedInBytes() throws Exception {
        Spool spool = new Spool(state, Spool.Limits.DEFAULTS, log::add);
        Spool.Added a = spool.add(report(0));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(a.entry().file())));
        try (var files = Files.list(spool.dir())) {
            assertEquals(List.of(a.entry().file()), files.toList(), "no temporary file left");
        }
        assertEquals(a.report(), spool.read(a.entry()));

        long one = a.entry().size();
        long limit = one * 3;
        Spool small = new Spool(state.resolve("small"), new Spool.Limits(100, limit), log::add);
        for (int i = 0; i < 6; i++) {
            small.add(report(i));
        }
        List<Spool.Entry> kept = small.entries();
        assertTrue(kept.stream().mapToLong(Spool.Entry::size).sum() <= limit);
        assertTrue(kept.size() >= 1 && kept.size() < 3, kept.toString());
        assertEquals(0, small.pendingDropped(), "the count travels in the reports kept");
        int carried = 0;
        for (Spool.Entry e : kept) {
            carried += small.read(e).delivery() == null ? 0 : small.read(e).delivery().droppedBefore();
        }
        assertEquals(6 - kept.size(), carried, "every dropped report is counted exactly once");
        // the count survives a restart while no report is written
        Files.writeString(small.dir().resolve(Spool.DROPPED), "{\"count\":4}");
        assertEquals(4, new Spool(state.resolve("small"), Spool.Limits.DEFAULTS, log::add).pendingDropped());
    }
}
