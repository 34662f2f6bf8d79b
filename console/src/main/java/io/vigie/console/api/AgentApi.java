package io.vigie.console.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vigie.checks.json.Json;
import io.vigie.checks.report.Delivery;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.Report;
import io.vigie.checks.report.Verdict;
import io.vigie.console.store.DeviceIdentity;
import io.vigie.console.store.Enrolled;
import io.vigie.console.store.IngestResult;
import io.vigie.console.store.NewReport;
import io.vigie.console.store.ReportDelivery;
import io.vigie.console.store.StoreException;
import io.vigie.console.store.jdbc.DeliveryRecords;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The agent's way in: enrollment with a one-time code, then report uploads with the device credential. */
public final class AgentApi {

    private static final Duration HOUR = Duration.ofHours(1);

    private final ApiContext ctx;
    private final Timer ingestTimer;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

    private final ReportValidator validator;
    private final DeliveryRecords delivery;

    public AgentApi(ApiContext ctx, ReportValidator validator) {
        this.ctx = ctx;
        this.validator = validator;
        this.delivery = DeliveryRecords.of(ctx.store());
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
            if (ctx.store().hits(bucket, now, HOUR) >= ctx.config().limits().failedEnrollmentsPerHour()) {
                throw new ApiException(429, "too_many_attempts", "too many failed enrollment attempts; try again later");
            }
            try {
                Enrolled e = ctx.store().enroll(code, deviceId, hostname, platform, now);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("deviceId", e.device().deviceId());
                out.put("organisationId", e.device().organisationId());
                out.put("secret", e.secret());
                out.put("credential", e.device().deviceId() + "." + e.secret());
                return out;
            } catch (StoreException e) {
                if (e.kind() == StoreException.Kind.UNAUTHORIZED || e.kind() == StoreException.Kind.GONE) {
                    ctx.store().hit(bucket, now, HOUR);
                }
                throw e;
            }
        }).onSuccess(out -> ApiContext.reply(rc, 201, out)).onFailure(rc::fail);
    }

    /** {@code POST /api/v1/reports}: the body was size-checked, decompressed and schema-validated before this. */
    public void upload(RoutingContext rc) {
        String credential = ApiContext.bearer(rc);
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
                    ApiContext.reply(rc, out.stored() ? 201 : 200, out.body());
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
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(body.getBytes());
        } catch (IOException e) {
            throw new ApiException(400, "invalid_json", "the body is not JSON: " + firstLine(e.getMessage()));
        }
        if (tree == null) {
            throw new ApiException(400, "invalid_json", "the body is empty");
        }
        List<ReportValidator.Problem> problems = validator.validate(tree, 10);
        if (!problems.isEmpty()) {
            throw new InvalidReport(problems);
        }
        Report report;
        try {
            report = Json.mapper().treeToValue(tree, Report.class);
        } catch (IOException | RuntimeException e) {
            throw new ApiException(400, "bad_report", "the report cannot be read: " + firstLine(e.getMessage()));
        }
        if (report.facts() == null) {
            throw new ApiException(400, "bad_report", "the report has no facts");
        }
        report.facts().forEach((name, fact) -> {
            if (fact == null || !name.equals(fact.key())) {
                throw new ApiException(400, "bad_report", "the fact under '" + name + "' must have key '" + name + "'");
            }
        });
        if (!device.deviceId().equals(report.deviceId())) {
            throw new ApiException(403, "device_mismatch", "the report's deviceId is not the device of this credential");
        }
        List<Finding> findings = ctx.judge().judge(report);
        Instant now = ctx.clock().instant();
        NewReport nr = new NewReport(report.reportId(), report.deviceId(), report.schemaVersion(), report.hostname(),
                report.platform(), report.agentVersion(), report.catalogueVersion(), report.startedAt(),
                report.finishedAt(), body.toString(StandardCharsets.UTF_8), report.findings(),
                ctx.judge().catalogueVersion(), findings);
        IngestResult r = ctx.store().storeReport(device, nr, now);
        Delivery d = report.delivery();
        if (d != null && d.droppedBefore() > 0) {
            // the gap before this report (agent spool full); recorded once, also when a retry finds it stored
            delivery.record(new ReportDelivery(report.reportId(), ReportDelivery.UPLOAD, true, d.droppedBefore(),
                    d.droppedFrom(), d.droppedTo(), null, now));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reportId", report.reportId());
        out.put("status", r == IngestResult.STORED ? "stored" : "already_stored");
        if (r == IngestResult.STORED) {
            out.put("catalogueVersion", ctx.judge().catalogueVersion());
            out.put("fail", findings.stream().filter(f -> f.verdict() == Verdict.FAIL).count());
            out.put("unknown", findings.stream().filter(f -> f.verdict() == Verdict.UNKNOWN).count());
        }
        return new Outcome(r == IngestResult.STORED, out);
    }

    /** {@code <deviceId>.<secret>}. */
    DeviceIdentity authenticate(String credential) {
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
        return ctx.store().authenticateDevice(deviceId, credential.substring(dot + 1));
    }

    static Buffer body(RoutingContext rc) {
        Buffer b = rc.get(BodyReader.BODY);
        return b == null ? Buffer.buffer() : b;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The report does not follow report.schema.json: answered like an OpenAPI validation failure, with details. */
    public static final class InvalidReport extends RuntimeException {
        final transient List<ReportValidator.Problem> problems;

        InvalidReport(List<ReportValidator.Problem> problems) {
            super("the report does not follow the report schema: " + problems.get(0).location() + ": "
                    + problems.get(0).error());
            this.problems = problems;
        }
    }
}
