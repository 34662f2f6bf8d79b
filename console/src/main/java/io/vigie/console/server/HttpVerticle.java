package io.vigie.console.server;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.RequestUtils;
import io.vigie.console.api.AgentApi;
import io.vigie.console.api.ErrorHandler;
import io.vigie.console.api.Replies;
import io.vigie.console.api.RestApi;
import io.vigie.console.config.ConsoleConfig;
import io.vigie.console.http.ApiException;
import io.vigie.console.http.BodyBudget;
import io.vigie.console.http.BodyReader;
import io.vigie.console.log.Logs;
import io.vigie.console.services.ConsoleServices;
import io.vigie.console.web.SecurityHeaders;
import io.vigie.console.web.Web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One HTTP server on one event loop; several share the port. Routes come from the OpenAPI document. */
final class HttpVerticle extends VerticleBase {

    static final String OPENAPI = "io/vigie/console/api/openapi.yaml";
    static final String REPORT_SCHEMA_REF = "https://vigie.io/schemas/report.schema.json";
    static final String REPORT_SCHEMA = "io/vigie/checks/report/report.schema.json";
    private static final Logger ACCESS = Logger.getLogger("io.vigie.console.access");

    private final ConsoleServices api;
    private final PrometheusMeterRegistry registry;
    private final int port;
    private final String openApiText;
    private final BodyBudget bodies;
    private HttpServer server;
    private volatile Router router;

    HttpVerticle(ConsoleServices api, PrometheusMeterRegistry registry, int port, String openApiText,
                 BodyBudget bodies) {
        this.api = api;
        this.bodies = bodies;
        this.registry = registry;
        this.port = port;
        this.openApiText = openApiText;
    }

    Router router() {
        return router;
    }

    int actualPort() {
        return server.actualPort();
    }

    @Override
    public Future<?> start() {
        return OpenAPIContract.from(vertx, OPENAPI, Map.of(REPORT_SCHEMA_REF, REPORT_SCHEMA))
                .map(this::router)
                .compose(router -> {
                    ConsoleConfig cfg = api.config();
                    HttpServerOptions options = new HttpServerOptions()
                            .setHost(cfg.host())
                            .setPort(port)
                            .setDecompressionSupported(false) // BodyReader inflates, within limits
                            .setCompressionSupported(true)
                            .setIdleTimeout(120);
                    if (cfg.tls()) {
                        options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                                .setCertPath(cfg.tlsCert().toString()).setKeyPath(cfg.tlsKey().toString()));
                    }
                    this.router = router;
                    server = vertx.createHttpServer(options).requestHandler(router);
                    return server.listen();
                });
    }

    private Router router(OpenAPIContract contract) {
        // the validator reads the body BodyReader decoded (size-checked, gunzipped), not the raw request
        RequestExtractor decodedBody = (rc, operation) -> RequestUtils.extract(rc.request(), operation, () -> {
            Buffer b = rc.get(BodyReader.BODY);
            return Future.succeededFuture(b == null ? Buffer.buffer() : b);
        });
        RouterBuilder builder = RouterBuilder.create(vertx, contract, decodedBody);
        boolean tls = api.config().tls();
        builder.rootHandler(rc -> SecurityHeaders.handle(rc, tls));
        if (api.config().accessLog()) {
            builder.rootHandler(HttpVerticle::accessLog);
        }
        AgentApi agent = new AgentApi(api);
        builder.rootHandler(new BodyReader(rc -> bodyPolicy(rc, agent), bodies,
                api.config().limits().inflateMaxRatio(), api.workers()));

        RestApi rest = new RestApi(api);
        Map<String, Handler<RoutingContext>> ops = new LinkedHashMap<>();
        ops.put("enroll", agent::enroll);
        ops.put("uploadReport", agent::upload);
        ops.put("createToken", rest::createToken);
        ops.put("revokeToken", rest::revokeToken);
        ops.put("listOrganisations", rest::listOrganisations);
        ops.put("createOrganisation", rest::createOrganisation);
        ops.put("getOrganisation", rest::getOrganisation);
        ops.put("createEnrollmentCode", rest::createEnrollmentCode);
        ops.put("listDevices", rest::listDevices);
        ops.put("getDevice", rest::getDevice);
        ops.put("revokeDevice", rest::revokeDevice);
        ops.put("allowReenrollment", rest::allowReenrollment);
        ops.put("listReports", rest::listReports);
        ops.put("getReport", rest::getReport);
        ops.put("getFindings", rest::getFindings);
        ops.put("importReport", rest::importReport);
        for (OpenAPIRoute route : builder.getRoutes()) {
            Handler<RoutingContext> h = ops.get(route.getOperation().getOperationId());
            if (h == null) {
                throw new IllegalStateException("no handler for operation " + route.getOperation().getOperationId());
            }
            // authentication is done by the handlers (device secret / API token looked up in the store)
            route.setDoSecurity(false).addHandler(h);
            if (route.getOperation().getOperationId().equals("uploadReport")
                    || route.getOperation().getOperationId().equals("importReport")) {
                // the body is validated against the same report.schema.json by ReportValidator, on a worker
                // (for an import: after the file's signature or checksum, by ReportImport)
                route.setDoValidation(false);
            }
        }
        Router router = builder.createRouter();
        Web.mount(router, api);
        router.get("/health").handler(this::health);
        router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
        router.get("/api/v1/openapi.yaml").handler(rc -> rc.response()
                .putHeader("Content-Type", "application/yaml; charset=utf-8").end(openApiText));
        ErrorHandler errors = new ErrorHandler();
        router.route().failureHandler(errors);
        router.errorHandler(404, errors);
        router.errorHandler(405, errors);
        return router;
    }

    private static final Pattern API_IMPORT = Pattern.compile("/api/v1/organisations/[^/]+/imports/?");
    private static final Pattern WEB_IMPORT = Pattern.compile("/organisations/[^/]+/imports/?");

    /**
     * The body limits of a request. Report bodies (up to the report limits) only for a sender whose credential was
     * checked first — the device credential of an upload, the API token of an import, the session of a web import —
     * so an anonymous client never gets more than the small limits: {@code limits.enrollMaxBytes} for enrollment,
     * {@code limits.formMaxBytes} for everything else. An upload or API import with a wrong credential is answered
     * 401 before its body is read; a web import without a session gets the form limit (then the page's own answer).
     */
    private Future<BodyReader.Policy> bodyPolicy(RoutingContext rc, AgentApi agent) {
        ConsoleConfig.Limits l = api.config().limits();
        BodyReader.Policy report = new BodyReader.Policy(l.reportMaxCompressedBytes(), l.reportMaxBytes());
        BodyReader.Policy form = new BodyReader.Policy(l.formMaxBytes(), l.formMaxBytes());
        String path = rc.normalizedPath();
        if (path.equals("/api/v1/reports") || path.equals("/api/v1/reports/")) {
            String credential = Replies.bearer(rc);
            return api.blocking(() -> agent.authenticate(credential)).map(d -> report);
        }
        if (API_IMPORT.matcher(path).matches()) {
            String token = Replies.bearer(rc);
            return api.blocking(() -> api.store().accounts().authenticateApiToken(token)
                    .orElseThrow(() -> new ApiException(401, "bad_token", "this API token is unknown or revoked")))
                    .map(s -> report);
        }
        if (WEB_IMPORT.matcher(path).matches()) {
            Cookie session = rc.request().getCookie(Web.SESSION_COOKIE);
            if (session == null) {
                return Future.succeededFuture(form);
            }
            String secret = session.getValue();
            return api.blocking(() -> api.store().web().findWebSession(secret, api.clock().instant()).isPresent())
                    .map(ok -> ok ? report : form);
        }
        if (path.equals("/api/v1/enroll")) {
            return Future.succeededFuture(new BodyReader.Policy(l.enrollMaxBytes(), l.enrollMaxBytes()));
        }
        return Future.succeededFuture(form);
    }

    private void health(RoutingContext rc) {
        api.blocking(() -> {
            api.store().ping();
            return true;
        }).onComplete(ar -> Replies.reply(rc, ar.succeeded() ? 200 : 503,
                Map.of("status", ar.succeeded() ? "ok" : "database_unavailable")));
    }

    /** One-time secrets travel in these paths' last segment; the access log keeps the route, never the secret. */
    private static final java.util.regex.Pattern SECRET_PATH =
            java.util.regex.Pattern.compile("^(/(?:invitations|password-reset|autodiag)/)[^/]+");

    static String redact(String path) {
        return path == null ? null : SECRET_PATH.matcher(path).replaceFirst("$1[redacted]");
    }

    private static void accessLog(RoutingContext rc) {
        long start = System.nanoTime();
        rc.addEndHandler(v -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("method", rc.request().method().name());
            f.put("path", redact(rc.request().path()));
            f.put("status", rc.response().getStatusCode());
            f.put("ms", (System.nanoTime() - start) / 1_000_000.0);
            f.put("remote", rc.request().remoteAddress() == null ? null : rc.request().remoteAddress().hostAddress());
            Logs.event(ACCESS, Level.INFO, "request", f);
        });
        rc.next();
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
