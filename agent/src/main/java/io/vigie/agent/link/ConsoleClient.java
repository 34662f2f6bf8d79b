package io.vigie.agent.link;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.agent.link.ConsoleException.Kind;
import io.vigie.checks.json.Json;
import io.vigie.checks.report.Report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * The agent's side of the console API ({@code /api/v1}): enrollment with a one-time code, then report uploads
 * (gzip) with the device credential. Every failure becomes a {@link ConsoleException} saying what went wrong.
 * Safe for concurrent use.
 */
public final class ConsoleClient {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Looks a console's name up before connecting, so that "name not found" is told as such (and so that tests
     * can simulate it without asking any outside resolver).
     */
    @FunctionalInterface
    public interface Resolver {
        void resolve(String host) throws UnknownHostException;

        Resolver SYSTEM = InetAddress::getAllByName;
    }

    /**
     * How to reach consoles.
     *
     * @param proxy          HTTPS proxy ({@code host:port}), or null for a direct connection
     * @param resolver       name look-up (skipped when going through a proxy: the proxy resolves)
     * @param connectTimeout connection timeout
     * @param requestTimeout whole-request timeout
     */
    public record Network(InetSocketAddress proxy, Resolver resolver, Duration connectTimeout, Duration requestTimeout) {
        public static final Network DIRECT = new Network(null, Resolver.SYSTEM, CONNECT_TIMEOUT, REQUEST_TIMEOUT);

        public Network {
            Objects.requireNonNull(resolver, "resolver");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
        }

        public Network withProxy(InetSocketAddress p) {
            return new Network(p, resolver, connectTimeout, requestTimeout);
        }

        public Network withResolver(Resolver r) {
            return new Network(proxy, r, connectTimeout, requestTimeout);
        }

        public Network withTimeouts(Duration connect, Duration request) {
            return new Network(proxy, resolver, connect, request);
        }
    }

    private final Network network;
    private final HttpClient injected;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
    private final Clock clock;

    public ConsoleClient() {
        this(Network.DIRECT, Clock.systemUTC());
    }

    public ConsoleClient(Network network, Clock clock) {
        this.network = Objects.requireNonNull(network);
        this.injected = null;
        this.clock = Objects.requireNonNull(clock);
    }

    /** With a ready-made client, used for connections without a key pin (tests). */
    public ConsoleClient(HttpClient http, Clock clock) {
        this.network = Network.DIRECT;
        this.injected = Objects.requireNonNull(http);
        this.clock = Objects.requireNonNull(clock);
    }

    /** The HTTP client for a console: system trust store, or exactly the pinned key. */
    private HttpClient http(KeyPin pin) {
        if (pin == null && injected != null) {
            return injected;
        }
        return clients.computeIfAbsent(pin == null ? "" : pin.toString(), k -> {
            HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(network.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER);
            if (pin != null) {
                b.sslContext(pin.sslContext());
            }
            if (network.proxy() != null) {
                b.proxy(ProxySelector.of(network.proxy()));
            }
            return b.build();
        });
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
        return enroll(console, code, deviceId, hostname, platform, null);
    }

    /** Enrolls over a connection that trusts exactly {@code pin} (null: the system trust store); the pin is kept. */
    public Enrollment enroll(URI console, String code, UUID deviceId, String hostname, String platform, KeyPin pin)
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
                .timeout(network.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build();
        JsonNode ok = exchange(console, pin, req, 201);
        String secret = ok.path("secret").asText(null);
        if (secret == null || !deviceId.toString().equals(ok.path("deviceId").asText())) {
            throw new ConsoleException(Kind.BAD_RESPONSE, console, 201, null, "no device secret in the answer", null);
        }
        String org = ok.path("organisationId").asText(null);
        return new Enrollment(console, deviceId, secret, org == null ? null : UUID.fromString(org), clock.instant(),
                pin == null ? null : pin.toString());
    }

    /** Uploads one report (gzip). Sending the same report again is harmless: the console answers "already stored". */
    public SendResult send(Enrollment enrollment, Report report) throws ConsoleException {
        if (!enrollment.deviceId().equals(report.deviceId())) {
            throw new ConsoleException(Kind.DEVICE_MISMATCH, enrollment.consoleUrl(), 0, null,
                    "report of device " + report.deviceId() + ", enrolled as " + enrollment.deviceId(), null);
        }
        byte[] body = gzip(report);
        HttpRequest req = HttpRequest.newBuilder(enrollment.consoleUrl().resolve("/api/v1/reports"))
                .timeout(network.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + enrollment.credential())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        JsonNode ok = exchange(enrollment.consoleUrl(), enrollment.keyPin(), req, 201, 200);
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

    private JsonNode exchange(URI console, KeyPin pin, HttpRequest req, int... okStatuses) throws ConsoleException {
        if (network.proxy() == null) {
            try {
                network.resolver().resolve(console.getHost());
            } catch (UnknownHostException e) {
                throw new ConsoleException(Kind.NAME_NOT_FOUND, console, 0, null, describe(e), e);
            }
        }
        HttpResponse<byte[]> res;
        try {
            res = http(pin).send(req, HttpResponse.BodyHandlers.ofByteArray());
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
