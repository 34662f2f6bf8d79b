package io.vigie.console.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.templ.jte.JteTemplateEngine;
import io.vigie.checks.text.Lang;
import io.vigie.checks.text.Texts;
import io.vigie.console.http.ApiException;
import io.vigie.console.http.BodyReader;
import io.vigie.console.log.Logs;
import io.vigie.console.services.ConsoleServices;
import io.vigie.console.store.DiagnosticStore;
import io.vigie.console.store.Role;
import io.vigie.console.store.Secrets;
import io.vigie.console.store.StoreException;
import io.vigie.console.store.WebStore;
import io.vigie.console.store.WebStore.WebSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The web console: server-rendered pages (jte templates precompiled at build time), sessions in the store, a CSRF
 * synchronizer token on every form. Each page runs as: read cookies → on a worker, load the session, check the
 * role and the CSRF token, run the handler → render on the event loop.
 */
public final class Web {

    private static final Logger LOG = Logger.getLogger("io.vigie.console.web");
    public static final String SESSION_COOKIE = "vigie_session";
    public static final String LANG_COOKIE = "vigie_lang";
    /** Double-submit cookie for forms shown before a session exists (login, invitation, reset). */
    public static final String PRE_CSRF_COOKIE = "vigie_csrf";
    public static final String CSRF_FIELD = "_csrf";

    /** Who may open a page. */
    public enum Access { PUBLIC, USER, MANAGER, ADMIN }

    @FunctionalInterface
    public interface Handler {
        Page handle(Req req) throws Exception;
    }

    private final ConsoleServices api;
    private final WebStore store;
    private final JteTemplateEngine engine;
    private final Texts texts;
    private final String css;
    private final DiagnosticStore diagnostics;

    Web(ConsoleServices api) {
        this.api = api;
        this.store = api.store().web();
        this.diagnostics = api.store().diagnostics();
        this.engine = JteTemplateEngine.create(TemplateEngine.createPrecompiled(ContentType.Html));
        this.texts = api.texts();
        this.css = resource("/io/vigie/console/web/static/vigie.css");
    }

    /** Adds the pages to {@code router}, over the console's shared services. */
    public static void mount(Router router, ConsoleServices services) {
        new Web(services).routes(router);
    }

    public ConsoleServices api() {
        return api;
    }

    public WebStore store() {
        return store;
    }

    public DiagnosticStore diagnostics() {
        return diagnostics;
    }

    public Texts texts() {
        return texts;
    }

    public boolean tls() {
        return api.config().tls();
    }

    private void routes(Router router) {
        router.get("/static/vigie.css").handler(rc -> rc.response()
                .putHeader("Content-Type", "text/css; charset=utf-8")
                .putHeader("Cache-Control", "max-age=3600").end(css));
        AccountPages account = new AccountPages(this);
        OwnerPages owner = new OwnerPages(this, diagnostics);
        DiagnosticPages diag = new DiagnosticPages(this, diagnostics, owner);
        TenantPages tenant = new TenantPages(this, diag);
        DevicePages devices = new DevicePages(this);
        page(router.get("/"), Access.PUBLIC, r -> Page.redirect(r.session() == null ? "/login" : "/dashboard"));
        page(router.get("/login"), Access.PUBLIC, account::loginForm);
        page(router.post("/login"), Access.PUBLIC, account::login);
        page(router.post("/logout"), Access.USER, account::logout);
        page(router.get("/invitations/:token"), Access.PUBLIC, account::invitationForm);
        page(router.post("/invitations/:token"), Access.PUBLIC, account::acceptInvitation);
        page(router.get("/password-reset/:token"), Access.PUBLIC, account::resetForm);
        page(router.post("/password-reset/:token"), Access.PUBLIC, account::reset);
        page(router.get("/account/tokens"), Access.USER, account::tokens);
        page(router.post("/account/tokens"), Access.USER, account::createToken);
        page(router.post("/account/tokens/:tokenId/revoke"), Access.USER, account::revokeToken);
        page(router.get("/admin"), Access.ADMIN, account::admin);
        page(router.post("/admin/invitations"), Access.ADMIN, account::invite);
        page(router.post("/admin/users/:userId/password-reset"), Access.ADMIN, account::createReset);
        page(router.post("/admin/users/:userId/unlock"), Access.ADMIN, account::unlock);
        page(router.post("/admin/settings"), Access.ADMIN, account::saveSettings);

        page(router.get("/dashboard"), Access.USER, tenant::dashboard);
        page(router.post("/organisations"), Access.MANAGER, tenant::createOrganisation);
        page(router.get("/organisations/:organisationId"), Access.USER, tenant::organisation);
        page(router.post("/organisations/:organisationId/enrollment-codes"), Access.MANAGER, tenant::createCode);
        // USER, not MANAGER: another tenant's organisation must answer 404 before a read-only role gets 403
        Route imports = router.post("/organisations/:organisationId/imports");
        page(imports, Access.USER, tenant::importReport);
        // a file past the report limits is refused by BodyReader before any page code: answer with a page
        imports.failureHandler(this::uploadRefused);
        // diagnostics: USER, not MANAGER, so that another tenant's ids answer 404 before a role answers 403
        page(router.post("/organisations/:organisationId/diagnostics"), Access.USER, diag::create);
        page(router.get("/diagnostics/:diagnosticId"), Access.USER, diag::diagnostic);
        page(router.post("/diagnostics/:diagnosticId/owner-links"), Access.USER, diag::createOwnerLink);
        page(router.post("/diagnostics/:diagnosticId/owner-links/revoke"), Access.USER, diag::revokeOwnerLinks);
        // the expert review: staff and the organisation's viewers read; staff write (404, then 403, then 409)
        ReviewPages review = new ReviewPages(this, diagnostics, api.evaluator());
        ReviewWrites reviewWrites = new ReviewWrites(this, diagnostics, api.evaluator());
        page(router.get("/diagnostics/:diagnosticId/review"), Access.USER, review::review);
        page(router.post("/diagnostics/:diagnosticId/findings"), Access.USER, reviewWrites::reviewFinding);
        page(router.post("/diagnostics/:diagnosticId/observations"), Access.USER, reviewWrites::observe);
        page(router.post("/diagnostics/:diagnosticId/signoffs"), Access.USER, reviewWrites::signOff);
        page(router.post("/diagnostics/:diagnosticId/signoffs/withdraw"), Access.USER, reviewWrites::withdraw);
        page(router.post("/diagnostics/:diagnosticId/sign"), Access.USER, reviewWrites::sign);
        // the owner's questionnaire: no account, the link's secret is the only key
        page(router.get("/autodiag/:token"), Access.PUBLIC, owner::ownerPage);
        page(router.post("/autodiag/:token"), Access.PUBLIC, owner::saveOwnerPage);
        // the plan and the report: staff and the organisation's own viewers (the owner follows the plan)
        PlanPages plan = new PlanPages(this, diagnostics);
        page(router.get("/diagnostics/:diagnosticId/plan"), Access.USER, plan::plan);
        page(router.post("/diagnostics/:diagnosticId/plan/items"), Access.USER, plan::track);
        page(router.post("/diagnostics/:diagnosticId/plan/swaps"), Access.USER, plan::swap);
        page(router.get("/diagnostics/:diagnosticId/report"), Access.USER, plan::report);
        page(router.get("/diagnostics/:diagnosticId/report.pdf"), Access.USER, plan::reportPdf);
        page(router.get("/devices/:deviceId"), Access.USER, devices::device);
        page(router.get("/devices/:deviceId/reports/:reportId"), Access.USER, devices::device);
        page(router.post("/devices/:deviceId/allow-reenrollment"), Access.MANAGER, devices::allowReenrollment);
        // a browser asking for a page that does not exist gets an HTML page; API clients keep the JSON error
        router.route().last().handler(rc -> {
            String accept = rc.request().getHeader("Accept");
            if (rc.request().method() == HttpMethod.GET && accept != null && accept.contains("text/html")
                    && !rc.request().path().startsWith("/api/")) {
                serve(rc, Access.PUBLIC, r -> {
                    throw new Req.NotFound();
                });
            } else {
                rc.next();
            }
        });
    }

    private void page(Route route, Access access, Handler handler) {
        route.handler(rc -> serve(rc, access, handler));
    }

    // ------------------------------------------------------------------ one request

    private void serve(RoutingContext rc, Access access, Handler handler) {
        Map<String, String> query = new LinkedHashMap<>();
        rc.queryParams().forEach(e -> query.putIfAbsent(e.getKey(), e.getValue()));
        String contentType = rc.request().getHeader("Content-Type");
        Buffer body = rc.request().method() == HttpMethod.POST ? rc.get(BodyReader.BODY) : null;
        String sessionSecret = cookie(rc, SESSION_COOKIE);
        String langCookie = cookie(rc, LANG_COOKIE);
        String preCsrf = cookie(rc, PRE_CSRF_COOKIE);
        Lang asked = parseLang(query.get("lang"));
        SocketAddress ra = rc.request().remoteAddress();
        String remote = ra == null ? "unknown" : ra.hostAddress();
        String host = rc.request().authority() == null ? "127.0.0.1" : rc.request().authority().toString();
        String origin = (rc.request().isSSL() ? "https" : "http") + "://" + host;
        boolean post = rc.request().method() == HttpMethod.POST;
        String path = rc.request().path();

        api.blocking(() -> {
            // a multipart body may be megabytes: parsed here, on the worker, not on the event loop
            Map<String, String> form = new LinkedHashMap<>();
            Map<String, byte[]> files = new LinkedHashMap<>();
            if (post) {
                if (Multipart.is(contentType)) {
                    Multipart.parse(body, contentType, api.config().limits().reportMaxBytes(), form, files);
                } else {
                    form.putAll(formFields(body));
                }
            }
            WebSession session = sessionSecret == null ? null
                    : store.findWebSession(sessionSecret, api.clock().instant()).orElse(null);
            if (session != null && asked != null && !asked.code().equals(session.lang())) {
                store.setLanguage(session.scope().userId(), asked.code());
            }
            Lang lang = asked != null ? asked
                    : session != null && parseLang(session.lang()) != null ? parseLang(session.lang())
                    : parseLang(langCookie) != null ? parseLang(langCookie) : Lang.DEFAULT;
            I18n t = I18n.of(lang);
            Req req = new Req(rc.request().method().name(), path, Map.copyOf(rc.pathParams()), query, form, files,
                    session, session == null ? null : sessionSecret, t, remote, origin);
            Page page;
            try {
                page = run(req, access, handler, post, preCsrf);
            } catch (Req.NotFound e) {
                page = error(404, "error.notFound");
            } catch (StoreException e) {
                page = switch (e.kind()) {
                    case NOT_FOUND -> error(404, "error.notFound");
                    case FORBIDDEN -> error(403, "error.forbidden");
                    case CONFLICT -> error(409, t.has("error." + e.code()) ? "error." + e.code() : "error.conflict");
                    default -> error(400, t.has("error." + e.code()) ? "error." + e.code() : "error.invalid");
                };
            }
            if (asked != null) {
                page.cookie(cookie(LANG_COOKIE, asked.code(), 365L * 24 * 3600));
            }
            return new Object[] {page, req};
        }).onSuccess(out -> respond(rc, (Page) out[0], (Req) out[1])).onFailure(e -> {
            Logs.event(LOG, Level.SEVERE, "page failed", Map.of("path", path, "error", String.valueOf(e)));
            respond(rc, error(500, "error.internal"), null);
        });
    }

    private Page run(Req req, Access access, Handler handler, boolean post, String preCsrf) throws Exception {
        if (access != Access.PUBLIC) {
            if (req.session() == null) {
                return post ? error(401, "error.loginNeeded") : Page.redirect("/login");
            }
            Role role = req.session().scope().role();
            if ((access == Access.MANAGER && !role.canManage()) || (access == Access.ADMIN && role != Role.PROVIDER_ADMIN)) {
                return error(403, "error.forbidden");
            }
        }
        if (post) {
            String sent = req.form().get(CSRF_FIELD);
            // a public form rendered in a session carries the session's token (see respond), else the cookie's
            String expected = req.session() != null ? req.session().csrfToken() : preCsrf;
            if (sent == null || expected == null || !Secrets.sameHash(Secrets.sha256(sent), Secrets.sha256(expected))) {
                return error(403, "error.csrf");
            }
        }
        return handler.handle(req);
    }

    static Page error(int status, String messageKey) {
        return Page.of("error", "error.title." + status, null).status(status).with("message", messageKey);
    }

    private void respond(RoutingContext rc, Page page, Req req) {
        var res = rc.response();
        if (res.ended()) {
            return;
        }
        res.putHeader("Cache-Control", "no-store");
        page.cookies.forEach(res::addCookie);
        if (page.redirect != null) {
            res.setStatusCode(303).putHeader("Location", page.redirect).end();
            return;
        }
        if (page.body != null) {
            page.headers.forEach(res::putHeader);
            res.setStatusCode(page.status).putHeader("Content-Type", page.contentType).end(Buffer.buffer(page.body));
            return;
        }
        I18n t = req == null ? I18n.of(Lang.DEFAULT) : req.t();
        WebSession s = req == null ? null : req.session();
        String csrf = s != null ? s.csrfToken() : null;
        if (s == null && req != null) {
            // forms shown without a session (login, invitation, reset) use a double-submit cookie
            String pre = cookie(rc, PRE_CSRF_COOKIE);
            if (pre == null) {
                pre = Secrets.newSecret();
                res.addCookie(cookie(PRE_CSRF_COOKIE, pre, -1));
            }
            csrf = pre;
        }
        // an error page does not echo the path it was asked for (ids of someone else stay out of the answer)
        // a form post's answer has no GET twin at its path: its handler names the page to reload
        String path = req == null || page.template.equals("error.jte") ? "/"
                : page.langPath != null ? page.langPath : req.method().equals("POST") ? "/" : req.path();
        Chrome chrome = new Chrome(t, t.get(page.title == null ? "app.name" : page.title),
                s == null ? null : s.email(), s == null ? null : s.scope().role(), csrf,
                path + (path.contains("?") ? "&" : "?") + "lang=" + t.other().code(), page.section);
        Map<String, Object> params = new HashMap<>(page.params);
        params.put("c", chrome);
        Future<Buffer> html = engine.render(params, page.template);
        html.onSuccess(b -> res.setStatusCode(page.status).putHeader("Content-Type", "text/html; charset=utf-8").end(b))
                .onFailure(e -> {
                    Logs.event(LOG, Level.SEVERE, "template failed", Map.of("template", page.template, "error", String.valueOf(e)));
                    if (!res.ended()) {
                        res.setStatusCode(500).putHeader("Content-Type", "text/plain; charset=utf-8").end("500");
                    }
                });
    }

    // ------------------------------------------------------------------ helpers

    Cookie cookie(String name, String value, long maxAgeSeconds) {
        Cookie c = Cookie.cookie(name, value).setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
                .setSecure(tls());
        if (maxAgeSeconds >= 0) {
            c.setMaxAge(maxAgeSeconds);
        }
        return c;
    }

    private static String cookie(RoutingContext rc, String name) {
        Cookie c = rc.request().getCookie(name);
        return c == null || c.getValue().isEmpty() ? null : c.getValue();
    }

    private static Lang parseLang(String s) {
        if (s == null) {
            return null;
        }
        for (Lang l : Lang.values()) {
            if (l.code().equalsIgnoreCase(s.trim())) {
                return l;
            }
        }
        return null;
    }

    /** Fields of an {@code application/x-www-form-urlencoded} body (read within limits by {@link BodyReader}). */
    static Map<String, String> formFields(Buffer b) {
        Map<String, String> out = new LinkedHashMap<>();
        if (b == null || b.length() == 0 || b.length() > 64 * 1024) {
            return out;
        }
        for (String pair : b.toString(StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.putIfAbsent(k, v);
            } catch (IllegalArgumentException e) {
                // malformed escape: field ignored
            }
        }
        return out;
    }

    /**
     * The answer to an import whose body {@link BodyReader} refused (past {@code limits.reportMaxBytes}): a page in
     * the visitor's language saying how large a file may be, rather than the API's JSON error.
     */
    private void uploadRefused(RoutingContext rc) {
        if (!(rc.failure() instanceof ApiException e) || e.status() != 413 || rc.response().ended()) {
            rc.next();
            return;
        }
        Lang lang = parseLang(cookie(rc, LANG_COOKIE));
        I18n t = I18n.of(lang == null ? Lang.DEFAULT : lang);
        long mb = Math.max(1, api.config().limits().reportMaxBytes() / (1024 * 1024));
        Page p = Page.of("error", "error.title.413", null).status(413).with("message", "import.tooLarge")
                .with("args", new Object[] {mb});
        respond(rc, p, new Req("POST", rc.request().path(), Map.of(), Map.of(), Map.of(), Map.of(), null, null, t,
                "unknown", ""));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String resource(String path) {
        try (InputStream in = Web.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
