package io.vigie.console.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.junit5.VertxExtension;
import io.vigie.console.SampleReports;
import io.vigie.console.TestDatabases;
import io.vigie.console.TestDatabases.Backend;
import io.vigie.console.TestDatabases.TestDb;
import io.vigie.console.api.ConsoleFixture;
import io.vigie.console.auth.Passwords;
import io.vigie.console.store.Enrolled;
import io.vigie.console.store.IssuedSecret;
import io.vigie.console.store.Organisation;
import io.vigie.console.store.Role;
import io.vigie.console.store.Scope;
import io.vigie.console.store.WebStore;
import io.vigie.console.web.WebTestClient.Resp;
import io.vigie.console.web.WebTestClient.Session;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route the router serves — taken from {@code router.getRoutes()}, never from a list written here — called
 * by each role of one tenant with the path parameters filled with the ids of another tenant (another provider;
 * for a customer viewer also another organisation of its own provider). Each call carries a valid session
 * cookie, the session's CSRF token and the same user's API token, so the only thing that can refuse it is the
 * tenant check: it must answer 404 and show nothing of the other tenant.
 */
@ExtendWith(VertxExtension.class)
class CrossTenantRoutesTest {

    @TempDir
    Path tmp;

    /**
     * Routes that take no tenant id in their path, with the statuses they may answer and why. Anything not here
     * must answer 404 when its ids belong to someone else.
     */
    private static final Map<String, Set<Integer>> NOT_TENANT_SCOPED = new LinkedHashMap<>();

    static {
        // public by design: no tenant data
        NOT_TENANT_SCOPED.put("GET /health", Set.of(200));
        NOT_TENANT_SCOPED.put("GET /metrics", Set.of(200));
        NOT_TENANT_SCOPED.put("GET /api/v1/openapi.yaml", Set.of(200));
        NOT_TENANT_SCOPED.put("GET /static/vigie.css", Set.of(200));
        // the caller's own home: redirects to its dashboard or its organisation
        NOT_TENANT_SCOPED.put("GET /", Set.of(303));
        NOT_TENANT_SCOPED.put("GET /login", Set.of(303));
        // the login form: empty credentials are refused (401), or already throttled (429)
        NOT_TENANT_SCOPED.put("POST /login", Set.of(401, 429));
        // an agent authenticates with an enrollment code or its device credential, not as a user: the empty
        // body or the user's token is refused before anything is looked up
        NOT_TENANT_SCOPED.put("POST /api/v1/enroll", Set.of(400));
        NOT_TENANT_SCOPED.put("POST /api/v1/reports", Set.of(400, 401));
        // email + password exchange: the empty body is refused
        NOT_TENANT_SCOPED.put("POST /api/v1/tokens", Set.of(400));
        // lists and forms of the caller's own tenant (checked below to hold nothing of the other tenant)
        NOT_TENANT_SCOPED.put("GET /api/v1/organisations", Set.of(200));
        NOT_TENANT_SCOPED.put("POST /api/v1/organisations", Set.of(400, 403));
        NOT_TENANT_SCOPED.put("GET /dashboard", Set.of(200, 303));
        NOT_TENANT_SCOPED.put("POST /organisations", Set.of(400, 403));
        NOT_TENANT_SCOPED.put("GET /account/tokens", Set.of(200));
        NOT_TENANT_SCOPED.put("POST /account/tokens", Set.of(201));
        // provider administration: the caller's own provider (403 for other roles)
        NOT_TENANT_SCOPED.put("GET /admin", Set.of(200, 403));
        NOT_TENANT_SCOPED.put("POST /admin/invitations", Set.of(400, 403));
        NOT_TENANT_SCOPED.put("POST /admin/settings", Set.of(400, 403));
        // the owner's self-assessment link: no account and no tenant id, the link's secret is the only key; a
        // secret that is not a live link (here an id of another tenant) answers the same 404 « lien invalide »
        NOT_TENANT_SCOPED.put("GET /autodiag/:token", Set.of(404));
        NOT_TENANT_SCOPED.put("POST /autodiag/:token", Set.of(404));
        // ends the caller's own session (called last)
        NOT_TENANT_SCOPED.put("POST /logout", Set.of(303));
    }

    /**
     * Tenant-scoped routes a role may never use whatever the id: refused with 403 before the id is looked at,
     * so the answer says nothing about it.
     */
    private static final Map<Role, Set<String>> ROLE_REFUSED = Map.of(
            Role.CUSTOMER_VIEWER, Set.of("POST /organisations/:organisationId/enrollment-codes",
                    "POST /api/v1/organisations/:organisationId/enrollment-codes", "POST /api/v1/devices/:deviceId/revoke",
                    "POST /api/v1/devices/:deviceId/allow-reenrollment", "POST /devices/:deviceId/allow-reenrollment",
                    "POST /admin/users/:userId/password-reset", "POST /admin/users/:userId/unlock"),
            Role.EXPERT, Set.of("POST /admin/users/:userId/password-reset", "POST /admin/users/:userId/unlock"),
            Role.PROVIDER_ADMIN, Set.of());

    record Target(String name, Map<String, String> ids, List<String> secrets) {
    }

    record Actor(String name, Role role, Session session, String apiToken) {
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void everyRouteAnswersNotFoundForAnotherTenantsIds(Backend backend, Vertx vertx) {
        try (TestDb db = TestDatabases.create(backend, tmp);
             ConsoleFixture c = new ConsoleFixture(vertx, db.url(), tmp)) {
            WebStore webStore = c.store.web();
            // the other provider's data: an organisation with a device and a report, a token, an invitation
            Target b = target("provider B", c, webStore, c.adminB, c.b1, "garage-secret-pc");
            Target a2 = target("organisation A2", c, webStore, c.adminA, c.a2, "cabinet-secret-pc");

            c.store.accounts().createUser(c.adminA.providerId(), null, "expert@alpha.example", Passwords.hash(ConsoleFixture.PASSWORD),
                    Role.EXPERT, c.clock.instant());
            String viewerHash = Passwords.hash(ConsoleFixture.PASSWORD);
            webStore.setPassword(c.viewerA1.userId(), viewerHash);
            WebTestClient web = new WebTestClient(c.server.localUrl());

            List<Route> routes = c.server.routes();
            List<String[]> endpoints = endpoints(routes);
            assertTrue(endpoints.size() >= 30, "the router's routes: " + endpoints.size());
            Set<String> seen = new TreeSet<>();
            int calls = 0;
            for (String[] who : new String[][] {{"admin@alpha.example", "PROVIDER_ADMIN"},
                    {"expert@alpha.example", "EXPERT"}, {"patron@martin.example", "CUSTOMER_VIEWER"}}) {
                Role role = Role.valueOf(who[1]);
                List<Target> targets = role == Role.CUSTOMER_VIEWER ? List.of(b, a2) : List.of(b);
                for (Target target : targets) {
                    Session s = web.login(who[0], ConsoleFixture.PASSWORD);
                    String token = c.store.accounts().createApiToken(c.store.accounts().findLogin(who[0]).orElseThrow().user().scope(), "t",
                            c.clock.instant()).secret();
                    Actor actor = new Actor(who[0], role, s, token);
                    for (String[] e : endpoints) {
                        String key = e[0] + " " + e[1];
                        seen.add(key);
                        Resp r = call(web, actor, e[0], fill(e[1], target.ids()));
                        calls++;
                        Set<Integer> allowed = NOT_TENANT_SCOPED.containsKey(key) ? NOT_TENANT_SCOPED.get(key)
                                : ROLE_REFUSED.get(role).contains(key) ? Set.of(403) : Set.of(404);
                        assertTrue(allowed.contains(r.status()), key + " as " + role + " on " + target.name()
                                + " answered " + r.status() + " (expected " + allowed + "): " + r.body());
                        for (String secret : target.secrets()) {
                            assertFalse(r.body().contains(secret), key + " as " + role + " leaks " + secret);
                        }
                    }
                }
            }
            // every route was exercised, and every justification above names a real route
            for (String key : NOT_TENANT_SCOPED.keySet()) {
                assertTrue(seen.contains(key), "no such route any more: " + key);
            }
            assertTrue(seen.contains("GET /devices/:deviceId/reports/:reportId"), seen.toString());
            assertTrue(seen.contains("GET /api/v1/reports/:reportId/findings"), seen.toString());
            for (String review : List.of("GET /diagnostics/:diagnosticId/review", "POST /diagnostics/:diagnosticId/findings",
                    "POST /diagnostics/:diagnosticId/observations", "POST /diagnostics/:diagnosticId/signoffs",
                    "POST /diagnostics/:diagnosticId/signoffs/withdraw", "POST /diagnostics/:diagnosticId/sign",
                    "POST /diagnostics/:diagnosticId/owner-links/revoke")) {
                assertTrue(seen.contains(review), "the expert review's routes are covered: " + review);
            }
            assertTrue(calls > 100);

            // the same calls with the caller's own ids do reach the data: the 404s above are the tenant check
            Session own = web.login("admin@alpha.example", ConsoleFixture.PASSWORD);
            Target mine = target("own", c, webStore, c.adminA, c.a1, "own-pc");
            for (String[] e : endpoints) {
                if (e[0].equals("GET") && e[1].contains(":") && !e[1].contains(":token") && !e[1].contains(":tokenId")) {
                    String path = fill(e[1], mine.ids());
                    Resp r = call(web, new Actor("admin", Role.PROVIDER_ADMIN, own, c.tokenA), "GET", path);
                    assertEquals(200, r.status(), "own data at " + path + ": " + r.body());
                }
            }
        }
    }

    /** Another tenant's ids, and strings that must never show up in an answer to someone else. */
    private static Target target(String name, ConsoleFixture c, WebStore webStore, Scope owner, Organisation org,
                                 String hostname) {
        UUID deviceId = UUID.randomUUID();
        IssuedSecret code = c.store.tenants().createEnrollmentCode(owner, org.id(), c.clock.instant(), Duration.ofDays(1));
        Enrolled enrolled = c.store.tenants().enroll(code.secret(), deviceId, hostname, "linux", c.clock.instant());
        UUID reportId = UUID.randomUUID();
        var report = SampleReports.report(deviceId, reportId);
        report = new io.vigie.checks.report.Report(report.schemaVersion(), reportId, deviceId, hostname, report.platform(),
                report.agentVersion(), report.catalogueVersion(), report.startedAt(), report.finishedAt(), report.facts(),
                report.findings(), report.lan());
        assertEquals(201, c.upload(deviceId + "." + enrolled.secret(), ConsoleFixture.json(report), false).statusCode());
        IssuedSecret apiToken = c.store.accounts().createApiToken(owner, "other", c.clock.instant());
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("organisationId", org.id().toString());
        ids.put("deviceId", deviceId.toString());
        ids.put("reportId", reportId.toString());
        ids.put("tokenId", apiToken.id().toString());
        ids.put("userId", owner.userId().toString());
        var diagnostic = c.store.diagnostics().createDiagnostic(owner, org.id(), io.vigie.checks.referential.Referential.builtin().id(),
                io.vigie.checks.referential.Referential.builtin().version(), 3, 1, c.clock.instant()); // the plan and report routes evaluate it
        ids.put("diagnosticId", diagnostic.id().toString());
        List<String> secrets = new ArrayList<>(List.of(hostname, deviceId.toString(), reportId.toString(), apiToken.id().toString(),
                diagnostic.id().toString()));
        if (owner.role() == Role.PROVIDER_ADMIN && !org.providerId().equals(c.adminA.providerId())) {
            secrets.add(org.name());
            secrets.add(org.id().toString());
            secrets.add("admin@beta.example");
            IssuedSecret inv = webStore.createInvitation(owner, "invite-" + UUID.randomUUID() + "@beta.example",
                    Role.EXPERT, null, c.clock.instant(), Duration.ofDays(1));
            ids.put("token", inv.id().toString()); // the invitation's id, not its secret
        } else {
            secrets.add(org.id().toString());
            secrets.add(org.name());
            ids.put("token", UUID.randomUUID().toString());
        }
        return new Target(name, ids, secrets);
    }

    /** {@code [method, path]} for every route with a path, logout last; OpenAPI paths use {@code :param} too. */
    private static List<String[]> endpoints(List<Route> routes) {
        List<String[]> out = new ArrayList<>();
        String[] logout = null;
        for (Route r : routes) {
            String path = r.getPath();
            if (path == null) {
                continue; // handlers for every request (body reader, headers, failure handler): no endpoint
            }
            path = path.replaceAll("\\{(\\w+)}", ":$1");
            Set<HttpMethod> methods = r.methods();
            if (methods == null || methods.isEmpty()) {
                methods = Set.of(HttpMethod.GET);
            }
            for (HttpMethod m : methods) {
                String[] e = {m.name(), path};
                if (path.equals("/logout")) {
                    logout = e;
                } else {
                    out.add(e);
                }
            }
        }
        if (logout != null) {
            out.add(logout);
        }
        return out;
    }

    private static String fill(String path, Map<String, String> ids) {
        Matcher m = Pattern.compile(":(\\w+)").matcher(path);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = ids.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException("no id for path parameter " + m.group(1) + " in " + path);
            }
            m.appendReplacement(sb, v);
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static Resp call(WebTestClient web, Actor a, String method, String path) {
        Map<String, String> cookies = new LinkedHashMap<>(a.session().cookies());
        // the login/invitation/reset forms' double-submit cookie, equal to the token sent: CSRF never decides here
        cookies.put(Web.PRE_CSRF_COOKIE, a.session().csrf());
        Map<String, String> headers = Map.of("Authorization", "Bearer " + a.apiToken());
        if (method.equals("GET") || method.equals("DELETE")) {
            return web.send(method, path, cookies, headers, null, null);
        }
        if (path.startsWith("/api/")) {
            return web.send(method, path, cookies, headers, "application/json", "{}");
        }
        if (path.endsWith("/imports")) {
            // the web import form is multipart: its token and a real, whole report file (checksum-only, a new
            // device), so neither the CSRF check nor the file can be what refuses the call
            UUID deviceId = UUID.randomUUID();
            var report = SampleReports.report(deviceId, UUID.randomUUID());
            byte[] file = io.vigie.checks.report.ReportFile.checksummed(deviceId,
                    new String(ConsoleFixture.json(report), java.nio.charset.StandardCharsets.UTF_8))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return web.postMultipart(path, cookies, Map.of(Web.CSRF_FIELD, a.session().csrf()), "file", "rapport.json", file);
        }
        return web.send(method, path, cookies, headers, "application/x-www-form-urlencoded",
                WebTestClient.form(Map.of(Web.CSRF_FIELD, a.session().csrf())));
    }
}
