package io.vigie.agent.link;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.agent.link.ConsoleException.Kind;
import io.vigie.checks.json.Json;
import io.vigie.checks.report.Report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * The agent's side of the console API ({@code /api/v1}): enrollment with a one-time code, then report uploads
 * (gzip) with the device credential. Every failure becomes a {@link ConsoleException} saying what went wrong.
 * Safe for concurrent use.
 */
public final class ConsoleClient {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final Clock clock;

    public ConsoleClient() {
        this(HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build(),
                Clock.systemUTC());
    }

    public ConsoleClient(HttpClient http, Clock clock) {
        this.http = Objects.requireNonNull(http);
        this.clock = Objects.requireNonNull(clock);
    }

    /** What the console answered to an upload. */
    public record SendResult(UUID reportId, boolean alreadyStored) {
    }

    /** Parses and checks a console base URL given by a person ({@code https://console.example.fr}). */
    public static URI consoleUrl(String text) {
        URI u;
        try {
            u = URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: " + text);
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || u.getHost() == null) {
            throw new IllegalArgumentException("the console URL must be https://host[:port] (or http:// on a trusted network): " + text);
        }
        String s = u.toString();
        return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    /** Uses {@code code} to bind {@code deviceId} to an organisation; the result is to be {@link Enrollment#save saved}. */
    public Enrollment enroll(URI console, String code, UUID deviceId, String hostname, String platform)
            throws ConsoleException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("deviceId", deviceId.toString());
        if (hostname != null) {
            body.put("hostname", hostname);
        }
        if (platform != null) {
            body.put("platform", platform);
        }
        byte[] json;
        try {
            json = Json.mapper().writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest req = HttpRequest.newBuilder(console.resolve("/api/v1/enroll"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build();
        JsonNode ok = exchange(console, req, 201);
        String secret = ok.path("secret").asText(null);
        if (secret == null || !deviceId.toString().equals(ok.path("deviceId").asText())) {
            throw new ConsoleException(Kind.BAD_RESPONSE, console, 201, null, "no device secret in the answer", null);
        }
        String org = ok.path("organisationId").asText(null);
        return new Enrollment(console, deviceId, secret, org == null ? null : UUID.fromString(org), clock.instant());
    }

    /** Uploads one report (gzip). Sending the same report again is harmless: the console answers "already stored". */
    public SendResult send(Enrollment enrollment, Report report) throws ConsoleException {
        if (!enrollment.deviceId().equals(report.deviceId())) {
            throw new ConsoleException(Kind.DEVICE_MISMATCH, enrollment.consoleUrl(), 0, null,
                    "report of device " + report.deviceId() + ", enrolled as " + enrollment.deviceId(), null);
        }
        byte[] body = gzip(report);
        HttpRequest req = HttpRequest.newBuilder(enrollment.consoleUrl().resolve("/api/v1/reports"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + enrollment.credential())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        JsonNode ok = exchange(enrollment.consoleUrl(), req, 201, 200);
        return new SendResult(report.reportId(), "already_stored".equals(ok.path("status").asText()));
    }

    static byte[] gzip(Report report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
            Json.mapper().writeValue(gz, report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private JsonNode exchange(URI console, HttpRequest req, int... okStatuses) throws ConsoleException {
        HttpResponse<byte[]> res;
        try {
            res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ConsoleException(ConsoleException.kindOf(e), console, 0, null, describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsoleException(Kind.NETWORK, console, 0, null, "interrupted", e);
        }
        JsonNode body;
        try {
            body = res.body().length == 0 ? Json.mapper().createObjectNode() : Json.mapper().readTree(res.body());
        } catch (IOException e) {
            throw new ConsoleException(res.statusCode() >= 500 ? Kind.SERVER_ERROR : Kind.BAD_RESPONSE, console,
                    res.statusCode(), null, new String(res.body(), 0, Math.min(200, res.body().length),
                    StandardCharsets.UTF_8), e);
        }
        for (int ok : okStatuses) {
            if (res.statusCode() == ok) {
                return body;
            }
        }
        JsonNode error = body.path("error");
        String code = error.path("code").asText(null);
        String message = error.path("message").asText("HTTP " + res.statusCode());
        throw new ConsoleException(ConsoleException.kindOf(res.statusCode(), code), console, res.statusCode(), code,
                message, null);
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
