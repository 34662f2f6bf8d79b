package io.vigie.console.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vigie.checks.json.Json;
import io.vigie.checks.report.Finding;
import io.vigie.checks.rule.RuleMetadata;
import io.vigie.checks.rule.RuleText;
import io.vigie.checks.text.Lang;
import io.vigie.checks.text.Texts;
import io.vigie.console.auth.PasswordGate;
import io.vigie.console.auth.Passwords;
import io.vigie.console.http.ApiException;
import io.vigie.console.intake.ReportImport;
import io.vigie.console.services.ConsoleServices;
import io.vigie.console.store.DeliveryStore;
import io.vigie.console.store.Device;
import io.vigie.console.store.IssuedSecret;
import io.vigie.console.store.Organisation;
import io.vigie.console.store.ReportDelivery;
import io.vigie.console.store.Scope;
import io.vigie.console.store.StoredReport;
import io.vigie.console.store.VerdictSet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * REST for integrations and the future UI: personal API tokens, organisations, enrollment codes, devices, reports
 * and the console's findings. Each call authenticates the token and runs its store work in one worker task;
 * everything outside the caller's tenant answers 404.
 */
public final class RestApi {

    @FunctionalInterface
    interface UserWork {
        Object run(Scope scope) throws Exception;
    }


    private final ConsoleServices ctx;
    private final DeliveryStore delivery;
    private final ReportImport imports;

    public RestApi(ConsoleServices ctx) {
        this.ctx = ctx;
        this.delivery = ctx.store().delivery();
        this.imports = ctx.imports();
    }

    /** {@code POST /api/v1/organisations/{organisationId}/imports}: a report file written by {@code vigie check --out}. */
    public void importReport(RoutingContext rc) {
        UUID org;
        try {
            org = pathId(rc, "organisationId");
        } catch (IllegalArgumentException e) {
            throw notFound("organisation");
        }
        byte[] file = AgentApi.body(rc).getBytes();
        String token = Replies.bearer(rc);
        ctx.blocking(() -> {
            Scope scope = ctx.store().accounts().authenticateApiToken(token)
                    .orElseThrow(() -> new ApiException(401, "bad_token", "this API token is unknown or revoked"));
            return imports.importFile(scope, org, file);
        }).onSuccess(i -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("reportId", i.reportId());
            out.put("deviceId", i.deviceId());
            out.put("organisationId", i.organisationId());
            out.put("hostname", i.hostname());
            out.put("authenticated", i.authenticated());
            out.put("status", i.alreadyStored() ? "already_stored" : "stored");
            Replies.reply(rc, i.alreadyStored() ? 200 : 201, out);
        }).onFailure(rc::fail);
    }

    private void asUser(RoutingContext rc, int status, UserWork work) {
        String token = Replies.bearer(rc);
        ctx.blocking(() -> {
            Scope scope = ctx.store().accounts().authenticateApiToken(token)
                    .orElseThrow(() -> new ApiException(401, "bad_token", "this API token is unknown or revoked"));
            return Optional.ofNullable(work.run(scope));
        }).onSuccess(body -> Replies.reply(rc, status, body.orElse(null))).onFailure(rc::fail);
    }

    private static UUID pathId(RoutingContext rc, String name) {
        return UUID.fromString(rc.pathParam(name));
    }

    /** {@code POST /api/v1/tokens}: email + password → a personal API token. */
    public void createToken(RoutingContext rc) {
        JsonObject in = AgentApi.body(rc).toJsonObject();
        String email = in.getString("email").trim().toLowerCase(Locale.ROOT);
        String password = in.getString("password");
        String label = in.getString("label");
        String address = rc.request().remoteAddress().hostAddress();
        ctx.blocking(() -> {
            Instant now = ctx.clock().instant();
            PasswordGate.Outcome attempt = new PasswordGate(ctx.store(), ctx.config().limits().failedLoginsPerHour())
                    .attempt(email, password, address, now);
            if (attempt.throttled()) {
                throw new ApiException(429, "too_many_attempts", "too many failed logins; try again later");
            }
            if (attempt.user().isEmpty()) {
                throw new ApiException(401, "bad_login", "wrong email or password");
            }
            IssuedSecret t = ctx.store().accounts().createApiToken(attempt.user().get().scope(), label, now);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", t.id());
            out.put("token", t.secret());
            return out;
        }).onSuccess(out -> Replies.reply(rc, 201, out)).onFailure(rc::fail);
    }

    public void revokeToken(RoutingContext rc) {
        UUID id = pathId(rc, "tokenId");
        asUser(rc, 204, s -> {
            ctx.store().accounts().revokeApiToken(s, id, ctx.clock().instant());
            return null;
        });
    }

    public void listOrganisations(RoutingContext rc) {
        asUser(rc, 200, s -> Map.of("organisations", ctx.store().tenants().organisations(s).stream().map(RestApi::view).toList()));
    }

    public void createOrganisation(RoutingContext rc) {
        String name = AgentApi.body(rc).toJsonObject().getString("name");
        asUser(rc, 201, s -> view(ctx.store().tenants().createOrganisation(s, name, ctx.clock().instant())));
    }

    public void getOrganisation(RoutingContext rc) {
        UUID id = pathId(rc, "organisationId");
        asUser(rc, 200, s -> view(ctx.store().tenants().organisation(s, id).orElseThrow(() -> notFound("organisation"))));
    }

    public void createEnrollmentCode(RoutingContext rc) {
        UUID org = pathId(rc, "organisationId");
        var body = AgentApi.body(rc);
        Integer hours = body.length() == 0 ? null : body.toJsonObject().getInteger("lifetimeHours");
        Duration max = ctx.config().limits().enrollmentCodeLifetime();
        Duration lifetime = hours == null || Duration.ofHours(hours).compareTo(max) > 0 ? max : Duration.ofHours(hours);
        asUser(rc, 201, s -> {
            IssuedSecret code = ctx.store().tenants().createEnrollmentCode(s, org, ctx.clock().instant(), lifetime);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", code.id());
            out.put("code", code.secret());
            out.put("organisationId", org);
            out.put("expiresAt", code.expiresAt());
            return out;
        });
    }

    public void listDevices(RoutingContext rc) {
        UUID org = pathId(rc, "organisationId");
        asUser(rc, 200, s -> Map.of("devices", ctx.store().tenants().devices(s, org).stream().map(this::viewWithDelivery).toList()));
    }

    public void getDevice(RoutingContext rc) {
        UUID id = pathId(rc, "deviceId");
        asUser(rc, 200, s -> viewWithDelivery(ctx.store().tenants().device(s, id).orElseThrow(() -> notFound("device"))));
    }

    public void revokeDevice(RoutingContext rc) {
        UUID id = pathId(rc, "deviceId");
        asUser(rc, 204, s -> {
            ctx.store().tenants().revokeDevice(s, id, ctx.clock().instant());
            return null;
        });
    }

    /**
     * {@code POST /api/v1/devices/:deviceId/allow-reenrollment}: one enrollment code of the device's organisation may
     * bind it again (re-installed machine) during the enrollment-code lifetime; audited.
     */
    public void allowReenrollment(RoutingContext rc) {
        UUID id = pathId(rc, "deviceId");
        asUser(rc, 200, s -> {
            Instant now = ctx.clock().instant();
            Instant until = now.plus(ctx.config().limits().enrollmentCodeLifetime());
            ctx.store().tenants().allowReenrollment(s, id, now, until);
            return Map.of("deviceId", id, "reenrollUntil", until);
        });
    }

    public void listReports(RoutingContext rc) {
        UUID id = pathId(rc, "deviceId");
        String l = rc.queryParams().get("limit");
        int limit;
        try {
            limit = l == null ? 50 : Integer.parseInt(l.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(400, "bad_limit", "limit is a whole number from 1 to 1000");
        }
        if (limit < 1 || limit > 1000) {
            throw new ApiException(400, "bad_limit", "limit is a whole number from 1 to 1000");
        }
        asUser(rc, 200, s -> Map.of("reports", ctx.store().reports().reports(s, id, limit).stream().map(r -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = Json.mapper().convertValue(r, LinkedHashMap.class);
            delivery.forReport(r.id()).ifPresent(d -> m.put("delivery", view(d)));
            return m;
        }).toList()));
    }

    public void getReport(RoutingContext rc) {
        UUID id = pathId(rc, "reportId");
        asUser(rc, 200, s -> {
            StoredReport r = ctx.store().reports().report(s, id).orElseThrow(() -> notFound("report"));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("summary", r.summary());
            delivery.forReport(id).ifPresent(d -> out.put("delivery", view(d)));
            out.put("report", Json.mapper().readTree(r.body()));
            return out;
        });
    }

    public void getFindings(RoutingContext rc) {
        UUID id = pathId(rc, "reportId");
        Lang lang = Lang.parse(rc.queryParams().get("lang"));
        asUser(rc, 200, s -> {
            VerdictSet v = ctx.store().reports().consoleVerdicts(s, id).orElseThrow(() -> notFound("report"));
            List<Map<String, Object>> findings = new ArrayList<>();
            for (Finding f : v.findings()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("ruleId", f.ruleId());
                m.put("title", title(f.ruleId(), lang));
                m.put("explanation", explain(f, lang));
                m.put("verdict", f.verdict());
                m.put("severity", f.severity());
                m.put("theme", f.theme());
                m.put("reason", f.reason());
                m.put("evidence", f.evidence());
                m.put("facts", f.facts());
                findings.add(m);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("reportId", id);
            out.put("catalogueVersion", v.catalogueVersion());
            out.put("judgedAt", v.judgedAt());
            out.put("lang", lang.code());
            out.put("findings", findings);
            return out;
        });
    }

    /** What was seen, in plain words ({@link Texts#explain}); null for a rule this catalogue lacks. */
    private String explain(Finding f, Lang lang) {
        if (ctx.judge().catalogue().metadata(f.ruleId()).isEmpty()) {
            return null;
        }
        return ctx.texts().explain(f, lang);
    }

    /** The rule's title in {@code lang} (French when that language is missing); null for a rule this catalogue lacks. */
    private String title(String ruleId, Lang lang) {
        Optional<RuleMetadata> m = ctx.judge().catalogue().metadata(ruleId);
        if (m.isEmpty() || m.get().text() == null) {
            return null;
        }
        RuleText t = m.get().text().getOrDefault(lang.code(), m.get().text().get(Lang.DEFAULT.code()));
        return t == null ? null : t.title();
    }

    private static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " not found");
    }

    static Map<String, Object> view(Organisation o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id());
        m.put("name", o.name());
        m.put("createdAt", o.createdAt());
        return m;
    }

    /** A device with its delivery totals: reports dropped unsent by the agent, imports (and unauthenticated ones). */
    private Map<String, Object> viewWithDelivery(Device d) {
        Map<String, Object> m = view(d);
        DeliveryStore.DeviceTotals t = delivery.forDevice(d.id());
        Map<String, Object> dm = new LinkedHashMap<>();
        dm.put("droppedReports", t.droppedReports());
        dm.put("imports", t.imports());
        dm.put("unauthenticatedImports", t.unauthenticatedImports());
        m.put("delivery", dm);
        return m;
    }

    /** How a report came in: source, authenticated ("non authentifié" imports: false), reports dropped before it. */
    static Map<String, Object> view(ReportDelivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", d.source());
        m.put("authenticated", d.authenticated());
        m.put("droppedBefore", d.droppedBefore());
        m.put("droppedFrom", d.droppedFrom());
        m.put("droppedTo", d.droppedTo());
        m.put("importedBy", d.importedBy());
        m.put("recordedAt", d.recordedAt());
        m.values().removeIf(v -> v == null);
        return m;
    }

    static Map<String, Object> view(Device d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("organisationId", d.organisationId());
        m.put("hostname", d.hostname());
        m.put("platform", d.platform());
        m.put("status", d.revokedAt() == null ? "active" : "revoked");
        m.put("enrolledAt", d.enrolledAt());
        m.put("lastSeenAt", d.lastSeenAt());
        m.put("revokedAt", d.revokedAt());
        m.values().removeIf(v -> v == null);
        return m;
    }

}
