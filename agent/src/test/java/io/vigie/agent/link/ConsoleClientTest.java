package io.vigie.agent.link;

import com.sun.net.httpserver.HttpServer;
import io.vigie.agent.link.ConsoleException.Kind;
import io.vigie.checks.json.Json;
import io.vigie.checks.report.LanDiscovery;
import io.vigie.checks.report.Report;
import io.vigie.checks.text.Lang;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client against a scripted HTTP server on loopback: what it sends and how it reads every answer. */
class ConsoleClientTest {

    record Answer(int status, String body) {
    }

    record Seen(String path, Map<String, List<String>> headers, byte[] body) {
    }

    HttpServer server;
    URI url;
    final AtomicReference<Answer> answer = new AtomicReference<>();
    final AtomicReference<Seen> seen = new AtomicReference<>();

    @TempDir
    Path state;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            byte[] in;
            try (InputStream is = ex.getRequestBody()) {
                in = is.readAllBytes();
            }
            seen.set(new Seen(ex.getRequestURI().getPath(), ex.getRequestHeaders(), in));
            Answer a = answer.get();
            byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                ex.getResponseBody().write(out);
            }
            ex.close();
        });
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static Report report(UUID deviceId) {
        Instant at = Instant.parse("2026-03-02T08:00:00Z");
        return new Report(1, UUID.randomUUID(), deviceId, "pc", "linux", "0.1.0", "0", at, at, Map.of(), List.of(),
                LanDiscovery.notPerformed());
    }

    static String error(String code) {
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"because " + code + "\"}}";
    }

    @Test
    void enrollSendsTheCodeAndDeviceAndKeepsTheSecret() throws Exception {
        UUID device = UUID.randomUUID();
        UUID org = UUID.randomUUID();
        answer.set(new Answer(201, "{\"deviceId\":\"" + device + "\",\"organisationId\":\"" + org + "\",\"secret\":\"abc\"}"));
        Enrollment e = new ConsoleClient().enroll(ConsoleClient.consoleUrl(url + "/"), "ABCDE-FGHJK", device, "pc", "linux");
        assertEquals("/api/v1/enroll", seen.get().path());
        Map<?, ?> sent = Json.mapper().readValue(seen.get().body(), Map.class);
        assertEquals("ABCDE-FGHJK", sent.get("code"));
        assertEquals(device.toString(), sent.get("deviceId"));
        assertEquals("abc", e.secret());
        assertEquals(org, e.organisationId());
        assertEquals(url, e.consoleUrl());
    }

    @Test
    void reportsGoGzippedWithTheDeviceCredential() throws Exception {
        UUID device = UUID.randomUUID();
        new Enrollment(url, device, "sec", null, null).save(state);
        Report r = report(device);
        answer.set(new Answer(201, "{\"reportId\":\"" + r.reportId() + "\",\"status\":\"stored\"}"));
        ConsoleClient.SendResult res = new ReportSender().sendReport(state, r);
        assertEquals(r.reportId(), res.reportId());
        assertEquals(false, res.alreadyStored());
        Seen s = seen.get();
        assertEquals("/api/v1/reports", s.path());
        assertEquals(List.of("gzip"), s.headers().get("Content-encoding"));
        assertEquals(List.of("Bearer " + device + ".sec"), s.headers().get("Authorization"));
        byte[] plain = new GZIPInputStream(new java.io.ByteArrayInputStream(s.body())).readAllBytes();
        assertEquals(r.reportId(), Json.mapper().readValue(plain, Report.class).reportId());

        answer.set(new Answer(200, "{\"reportId\":\"" + r.reportId() + "\",\"status\":\"already_stored\"}"));
        assertTrue(ReportSender.send(state, r).alreadyStored());
    }

    @Test
    void consoleRefusalsBecomeClearKinds() throws Exception {
        UUID device = UUID.randomUUID();
        Enrollment e = new Enrollment(url, device, "sec", null, null);
        Map<Answer, Kind> cases = Map.of(
                new Answer(401, error("device_revoked")), Kind.DEVICE_REVOKED,
                new Answer(401, error("unknown_device")), Kind.DEVICE_UNKNOWN,
                new Answer(413, error("decompressed_too_large")), Kind.TOO_LARGE,
                new Answer(400, error("invalid_request")), Kind.REFUSED,
                new Answer(503, "<html>maintenance</html>"), Kind.SERVER_ERROR,
                new Answer(200, "not json"), Kind.BAD_RESPONSE);
        for (var c : cases.entrySet()) {
            answer.set(c.getKey());
            ConsoleException ex = assertThrows(ConsoleException.class, () -> new ConsoleClient().send(e, report(device)));
            assertEquals(c.getValue(), ex.kind(), c.getKey().toString());
        }
        answer.set(new Answer(410, error("code_expired")));
        ConsoleException expired = assertThrows(ConsoleException.class,
                () -> new ConsoleClient().enroll(url, "X", device, null, null));
        assertEquals(Kind.CODE_EXPIRED, expired.kind());
        assertEquals(410, expired.status());
        assertTrue(expired.message(Lang.FR).contains("expiré"), expired.message(Lang.FR));
        assertTrue(expired.message(Lang.EN).contains("expired"), expired.message(Lang.EN));
    }

    @Test
    void aReportOfAnotherDeviceIsNotSent() throws Exception {
        new Enrollment(url, UUID.randomUUID(), "sec", null, null).save(state);
        answer.set(new Answer(201, "{}"));
        ConsoleException ex = assertThrows(ConsoleException.class, () -> ReportSender.send(state, report(UUID.randomUUID())));
        assertEquals(Kind.DEVICE_MISMATCH, ex.kind());
        assertEquals(null, seen.get(), "nothing was sent");
    }

    @Test
    void notEnrolledSaysWhatToDo() {
        ConsoleException ex = assertThrows(ConsoleException.class, () -> ReportSender.send(state, report(UUID.randomUUID())));
        assertEquals(Kind.NOT_ENROLLED, ex.kind());
        assertTrue(ex.message(Lang.FR).contains("vigie enroll"));
    }

    @Test
    void aClosedLoopbackPortIsConnectionRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port);
        ConsoleException ex = assertThrows(ConsoleException.class,
                () -> new ConsoleClient().enroll(closed, "X", UUID.randomUUID(), null, null));
        assertEquals(Kind.CONNECTION_REFUSED, ex.kind());
        assertTrue(ex.retryable());
        assertTrue(ex.message(Lang.FR).contains("refuse la connexion"), ex.message(Lang.FR));
    }

    @Test
    void transportFailuresAreNamed() {
        // built by hand: resolving a name in a test would send a DNS query off this machine
        ConnectException unresolved = new ConnectException();
        unresolved.initCause(new UnresolvedAddressException());
        assertEquals(Kind.NAME_NOT_FOUND, ConsoleException.kindOf(unresolved));
        assertEquals(Kind.TIMEOUT, ConsoleException.kindOf(new HttpConnectTimeoutException("slow")));
        assertEquals(Kind.TLS, ConsoleException.kindOf(new IOException(new javax.net.ssl.SSLHandshakeException("bad cert"))));
        assertEquals(Kind.NETWORK, ConsoleException.kindOf(new IOException("reset")));
        ConsoleException named = new ConsoleException(Kind.NAME_NOT_FOUND, URI.create("https://console.example.fr"), 0,
                null, null, unresolved);
        assertTrue(named.message(Lang.FR).contains("« console.example.fr » est introuvable"), named.message(Lang.FR));
    }

    @Test
    void consoleUrlsAreChecked() {
        assertEquals(URI.create("https://c.example.fr"), ConsoleClient.consoleUrl(" https://c.example.fr/ "));
        assertThrows(IllegalArgumentException.class, () -> ConsoleClient.consoleUrl("ftp://c.example.fr"));
        assertThrows(IllegalArgumentException.class, () -> ConsoleClient.consoleUrl("c.example.fr"));
    }
}
