package io.vigie.console.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vigie.console.http.ApiException;
import io.vigie.console.http.BodyReader;
import io.vigie.console.intake.ReportUpload;
import io.vigie.console.services.ConsoleServices;
import io.vigie.console.store.DeviceIdentity;
import io.vigie.console.store.Enrolled;
import io.vigie.console.store.StoreException;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The agent's way in: enrollment with a one-time code, then report uploads with the device credential. */
public final class AgentApi {

    private static final Duration HOUR = Duration.ofHours(1);

    private final ConsoleServices ctx;
    private final Timer ingestTimer;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

    public AgentApi(ConsoleServices ctx) {
        this.ctx = ctx;
        this.ingestTimer = Timer.builder("vigie.report.ingest").description("Report ingestion on the worker: "
                + "authentication, parsing, judging, storing").publishPercentiles(0.5, 0.99).register(ctx.meters());
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, o -> Counter.builder("vigie.reports").tag("outcome", o)
                .description("Report uploads by outcome").register(ctx.meters())).increment();
    }

    /** {@code POST /api/v1/enroll}. */
    public void enroll(RoutingContext rc) {
        JsonObject in = body(rc).toJsonObject();
        String code = in.getString("code");
        UUID deviceId = UUID.fromString(in.getString("deviceId"));
        String hostname = in.getString("hostname");
        String platform = in.getString("platform");
        String bucket = "enroll:" + rc.request().remoteAddress().hostAddress();
        ctx.blocking(() -> {
            Instant now = ctx.clock().instant();
            if (ctx.store().accounts().hits(bucket, now, HOUR) >= ctx.config().limits().failedEnrollmentsPerHour()) {
                throw new ApiException(429, "too_many_attempts", "too many failed enrollment attempts; try again later");
            }
            try {
                Enrolled e = ctx.store().tenants().enroll(code, deviceId, hostname, platform, now);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("deviceId", e.device().deviceId());
                out.put("organisationId", e.device().organisationId());
                out.put("secret", e.secret());
                out.put("credential", e.device().deviceId() + "." + e.secret());
                return out;
            } catch (StoreException e) {
                if (e.kind() == StoreException.Kind.UNAUTHORIZED || e.kind() == StoreException.Kind.GONE) {
                    ctx.store().accounts().hit(bucket, now, HOUR);
                }
                throw e;
            }
        }).onSuccess(out -> Replies.reply(rc, 201, out)).onFailure(rc::fail);
    }

    /** {@code POST /api/v1/reports}: the body was size-checked, decompressed and schema-validated before this. */
    public void upload(RoutingContext rc) {
        String credential = Replies.bearer(rc);
        String type = rc.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "a report is sent as Content-Type: application/json");
        }
        Buffer body = body(rc);
        long start = System.nanoTime();
        ctx.blocking(() -> ingest(credential, body))
                .onSuccess(out -> {
                    ingestTimer.record(Duration.ofNanos(System.nanoTime() - start));
                    count(out.stored() ? "stored" : "already_stored");
                    Replies.reply(rc, out.stored() ? 201 : 200, out.body());
                })
                .onFailure(t -> {
                    count("refused");
                    rc.fail(t);
                });
    }

    private record Outcome(boolean stored, Map<String, Object> body) {
    }

    private Outcome ingest(String credential, Buffer body) {
        DeviceIdentity device = authenticate(credential);
        ReportUpload.Uploaded u = ctx.uploads().upload(device, body.getBytes());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reportId", u.reportId());
        out.put("status", u.stored() ? "stored" : "already_stored");
        if (u.stored()) {
            out.put("catalogueVersion", u.catalogueVersion());
            out.put("fail", u.fail());
            out.put("unknown", u.unknown());
        }
        return new Outcome(u.stored(), out);
    }

    /** {@code <deviceId>.<secret>}. */
    public DeviceIdentity authenticate(String credential) {
        int dot = credential.indexOf('.');
        UUID deviceId;
        try {
            if (dot != 36) {
                throw new IllegalArgumentException();
            }
            deviceId = UUID.fromString(credential.substring(0, dot));
        } catch (IllegalArgumentException e) {
            throw new ApiException(401, "bad_credential", "a device credential is <deviceId>.<secret>");
        }
        return ctx.store().tenants().authenticateDevice(deviceId, credential.substring(dot + 1));
    }

    static Buffer body(RoutingContext rc) {
        Buffer b = rc.get(BodyReader.BODY);
        return b == null ? Buffer.buffer() : b;
    }
}
