package io.vigie.console.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vigie.console.SampleReports;
import io.vigie.console.TestDatabases;
import io.vigie.console.TestDatabases.Backend;
import io.vigie.console.TestDatabases.TestDb;
import io.vigie.console.config.ConsoleConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bounded memory per request and in total (issue 14, item 1): credentials are checked before a report body is read,
 * anonymous and form routes get small limits, a gzip body may not inflate past a ratio, and the bytes of bodies
 * held at once have a budget past which requests are answered 503 with {@code Retry-After} — while {@code /health}
 * and authenticated uploads are still answered. Loopback only.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BodyLimitsTest {

    private static final int MB = 1024 * 1024;

    @TempDir
    Path tmp;
    TestDb db;
    ConsoleFixture c;

    private void start(Vertx vertx, ConsoleConfig.Limits limits) {
        db = TestDatabases.create(Backend.SQLITE, tmp);
        c = new ConsoleFixture(vertx, db.url(), tmp, limits);
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

    @Test
    void anUploadWithoutAValidCredentialIsRefusedBeforeItsBodyIsSent(Vertx vertx) throws Exception {
        start(vertx, ConsoleConfig.Limits.DEFAULTS);
        // 10 MB announced, 1 KB sent: the answer must come without the rest of the body
        assertEquals(401, status(openPost("/api/v1/reports", null, "application/json", 10 * MB, 1024)));
        assertEquals(401, status(openPost("/api/v1/reports", UUID.randomUUID() + ".wrong", "application/json",
                10 * MB, 1024)));
        assertEquals(401, status(openPost("/api/v1/organisations/" + c.a1.id() + "/imports", "not-a-token",
                "application/json", 10 * MB, 1024)));
    }

    @Test
    void anonymousAndFormRoutesHaveSmallLimits(Vertx vertx) throws Exception {
        start(vertx, ConsoleConfig.Limits.DEFAULTS);
        long form = ConsoleConfig.Limits.DEFAULTS.formMaxBytes();
        long enroll = ConsoleConfig.Limits.DEFAULTS.enrollMaxBytes();
        // announced sizes past the limits: refused at once
        assertEquals(413, status(openPost("/login", null, "application/x-www-form-urlencoded", form + 1, 0)));
        assertEquals(413, status(openPost("/api/v1/enroll", null, "application/json", enroll + 1, 0)));
        assertEquals(413, status(openPost("/api/v1/tokens", null, "application/json", form + 1, 0)));
        // a web import without a session gets the form limit, not the report limit
        assertEquals(413, status(openPost("/organisations/" + c.a1.id() + "/imports", null,
                "application/json", form + 1, 0)));
        // sent in chunks without a length: refused as soon as the bytes pass the limit
        HttpResponse<Buffer> r = c.post("/api/v1/enroll", null).putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer("{\"code\":\"" + "A".repeat((int) enroll) + "\"}")).await();
        assertEquals(413, r.statusCode(), r.bodyAsString());
    }

    @Test
    void aGzipBombIsRefusedByItsRatio(Vertx vertx) {
        start(vertx, ConsoleConfig.Limits.DEFAULTS);
        String credential = c.enroll(c.a1, UUID.randomUUID());
        byte[] zeros = new byte[15 * MB];
        HttpResponse<Buffer> r = c.upload(credential, zeros, true);
        assertEquals(413, r.statusCode(), r.bodyAsString());
        assertEquals("decompressed_too_large", r.bodyAsJsonObject().getJsonObject("error").getString("code"));
        assertTrue(r.bodyAsJsonObject().getJsonObject("error").getString("message").contains("100 times"),
                r.bodyAsString());
    }

    @Test
    void pastTheBudgetRequestsAre503AndTheConsoleStaysAlive(Vertx vertx) throws Exception {
        // 8 MB of bodies at once; a report may be 4 MB
        start(vertx, ConsoleConfig.Limits.DEFAULTS.withBodies(MB, 4L * MB, 64 * 1024, 8L * MB));
        UUID deviceId = UUID.randomUUID();
        String credential = c.enroll(c.a1, deviceId);
        int anonymous = 40;
        ExecutorService pool = Executors.newFixedThreadPool(anonymous);
        List<Socket> holders = new ArrayList<>();
        try {
            // two authenticated uploads announce 4 MB each and hold the whole budget (their bodies not finished)
            for (int i = 0; i < 2; i++) {
                holders.add(openPost("/api/v1/reports", credential, "application/json", 4 * MB, 256 * 1024));
            }
            Thread.sleep(500);
            // a third does not fit: 503 with Retry-After, before its body is read
            Socket third = openPost("/api/v1/reports", credential, "application/json", 4 * MB, 1024);
            List<String> head = head(third);
            assertTrue(head.get(0).contains(" 503 "), head.toString());
            assertTrue(head.stream().anyMatch(h -> h.toLowerCase().startsWith("retry-after:")), head.toString());
            // meanwhile anonymous clients send maximum-size bodies everywhere: every one answered, none 5xx
            List<Future<Integer>> answers = new ArrayList<>();
            String[] routes = {"/login", "/api/v1/enroll", "/api/v1/tokens", "/api/v1/reports",
                    "/invitations/x", "/organisations/" + c.a1.id() + "/imports"};
            for (int i = 0; i < anonymous; i++) {
                String route = routes[i % routes.length];
                answers.add(pool.submit(() -> status(openPost(route, null, "application/json", 4 * MB, 64 * 1024))));
            }
            for (Future<Integer> a : answers) {
                int s = a.get(60, TimeUnit.SECONDS);
                assertTrue(s == 413 || s == 401, "anonymous answered " + s);
            }
            HttpResponse<Buffer> health = c.get("/health", null).timeout(10_000).send().await();
            assertEquals(200, health.statusCode());
        } finally {
            for (Socket s : holders) {
                s.close();
            }
            pool.shutdownNow();
        }
        // the budget held by the abandoned uploads comes back: an authenticated upload is stored
        long deadline = System.currentTimeMillis() + 30_000;
        int status;
        do {
            Thread.sleep(200);
            status = c.upload(credential, ConsoleFixture.json(SampleReports.report(deviceId, UUID.randomUUID())), false)
                    .statusCode();
        } while (status == 503 && System.currentTimeMillis() < deadline);
        assertEquals(201, status);
    }

    /** Sends a POST's head announcing {@code length} bytes, then {@code send} bytes of it; leaves it open. */
    private Socket openPost(String path, String bearer, String type, long length, int send) throws IOException {
        URI u = URI.create(c.server.localUrl());
        Socket s = new Socket("127.0.0.1", u.getPort());
        s.setSoTimeout(20_000);
        StringBuilder h = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + u.getPort()
                + "\r\nContent-Type: " + type + "\r\nContent-Length: " + length + "\r\n");
        if (bearer != null) {
            h.append("Authorization: Bearer ").append(bearer).append("\r\n");
        }
        OutputStream out = s.getOutputStream();
        out.write(h.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = new byte[send];
        java.util.Arrays.fill(chunk, (byte) 'a');
        try {
            out.write(chunk);
            out.flush();
        } catch (IOException e) {
            // the console may have answered and closed already
        }
        return s;
    }

    private static List<String> head(Socket s) throws IOException {
        try (s) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                lines.add(line);
            }
            assertTrue(!lines.isEmpty(), "no answer");
            return lines;
        }
    }

    private static int status(Socket s) throws IOException {
        return Integer.parseInt(head(s).get(0).split(" ")[1]);
    }
}
