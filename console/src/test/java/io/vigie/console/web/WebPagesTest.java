package io.vigie.console.web;

import io.vigie.checks.report.Report;
import io.vigie.checks.text.Lang;
import io.vigie.console.SampleReports;
import io.vigie.console.api.ConsoleFixture;
import io.vigie.console.store.Role;
import io.vigie.console.web.WebTestClient.Resp;
import io.vigie.console.web.WebTestClient.Session;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pages over plain HTTP: accounts, sessions, CSRF, headers, languages, the tenant pages' content. */
class WebPagesTest extends ConsoleWebTest {

    @Test
    void loginSetsAStrictHttpOnlySessionKeptHashedInTheStoreAndLogoutEndsIt() {
        Resp r = web.loginAttempt("admin@alpha.example", ConsoleFixture.PASSWORD);
        assertEquals(303, r.status());
        assertEquals("/dashboard", r.location());
        String header = r.setCookieHeader(Web.SESSION_COOKIE);
        assertTrue(header.toLowerCase().contains("httponly"), header);
        assertTrue(header.contains("SameSite=Strict"), header);
        assertFalse(header.contains("Secure"), "plain HTTP on loopback: no Secure flag " + header);
        String secret = r.setCookie(Web.SESSION_COOKIE);
        assertEquals(1L, c.counts().get("sessions"));
        Session s = web.login("admin@alpha.example", ConsoleFixture.PASSWORD);
        assertEquals(200, web.get("/dashboard", s).status());

        Resp out = web.post("/logout", s, Map.of());
        assertEquals(303, out.status());
        assertEquals(303, web.get("/dashboard", s).status(), "after logout the cookie opens nothing");
        assertEquals("/login", web.get("/dashboard", s).location());
        assertEquals(200, web.get("/dashboard", Map.of(Web.SESSION_COOKIE, secret)).status(), "the other session lives on");
        assertNull(web.get("/dashboard", Map.of(Web.SESSION_COOKIE, secret + "x")).setCookie(Web.SESSION_COOKIE));
    }

    @Test
    void wrongPasswordsAreThrottledPerAccountWithAWaitTime() {
        int limit = c.server.store() == null ? 0 : 10;
        for (int i = 0; i < limit; i++) {
            Resp r = web.loginAttempt("admin@alpha.example", "not the password at all");
            assertEquals(401, r.status());
            assertTrue(r.body().contains("Adresse e-mail ou mot de passe incorrect."), r.body());
        }
        Resp blocked = web.loginAttempt("admin@alpha.example", ConsoleFixture.PASSWORD);
        assertEquals(429, blocked.status(), "even the right password waits");
        assertTrue(blocked.body().contains("Trop de tentatives de connexion ont échoué"), blocked.body());
        assertTrue(blocked.body().contains("attendez 60 minute(s)"), blocked.body());
        c.clock.advance(Duration.ofMinutes(61));
        assertEquals(303, web.loginAttempt("admin@alpha.example", ConsoleFixture.PASSWORD).status());
    }

    @Test
    void wrongPasswordsAreThrottledPerSourceAddressAcrossAccounts() {
        for (int i = 0; i < 30; i++) {
            assertEquals(401, web.loginAttempt("nobody" + i + "@example.org", "wrong password here").status());
        }
        Resp blocked = web.loginAttempt("admin@beta.example", ConsoleFixture.PASSWORD);
        assertEquals(429, blocked.status());
    }

    @Test
    void formsWithoutTheSessionTokenAreRefused() {
        Session s = web.login("admin@alpha.example", ConsoleFixture.PASSWORD);
        Resp none = web.post("/organisations", s.cookies(), Map.of("name", "Forgée"));
        assertEquals(403, none.status());
        assertTrue(none.body().contains("Ce formulaire a expiré"), none.body());
        Resp wrong = web.post("/organisations", s.cookies(), Map.of("name", "Forgée", "_csrf", "x" + s.csrf()));
        assertEquals(403, wrong.status());
        Session other = web.login("admin@alpha.example", ConsoleFixture.PASSWORD);
        Resp otherToken = web.post("/organisations", s.cookies(), Map.of("name", "Forgée", "_csrf", other.csrf()));
        assertEquals(403, otherToken.status(), "a token is bound to its own session");
        assertTrue(c.store.tenants().organisations(c.adminA).stream().noneMatch(o -> o.name().equals("Forgée")));
        Resp ok = web.post("/organisations", s, Map.of("name", "Vraie"));
        assertEquals(303, ok.status(), ok.body());
        // the login form too: without its cookie the post is refused
        assertEquals(403, web.post("/login", Map.of(), Map.of("_csrf", "abc", "email", "admin@alpha.example",
                "password", ConsoleFixture.PASSWORD)).status());
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        for (Resp r : new Resp[] {web.get("/login", Map.of()), web.get("/health", Map.of()),
                web.get("/api/v1/organisations", Map.of()), web.get("/no/such/page", Map.of())}) {
            assertEquals(SecurityHeaders.CSP, r.headers().firstValue("content-security-policy").orElse(null));
            assertEquals("nosniff", r.headers().firstValue("x-content-type-options").orElse(null));
            assertEquals("no-referrer", r.headers().firstValue("referrer-policy").orElse(null));
        }
        String login = web.get("/login", Map.of()).body();
        assertFalse(login.contains("<script"), "no script at all");
        assertFalse(login.contains("style="), "no inline style");
        assertTrue(login.contains("<html lang=\"fr\">"));
        assertTrue(login.contains("href=\"#main\""), "skip link");
        assertTrue(login.contains("<label for=\"email\">"));
    }

    @Test
    void unknownPagesAnswerHtmlToBrowsersAndJsonToApiClients() {
        Resp page = web.send("GET", "/organisations", Map.of(), Map.of("Accept", "text/html"), null, null);
        assertEquals(404, page.status());
        assertTrue(page.body().contains("Page introuvable"), page.body());
        Resp api = web.send("GET", "/api/v1/nothing", Map.of(), Map.of("Accept", "text/html"), null, null);
        assertEquals(404, api.status());
        assertTrue(api.body().startsWith("{\"error\""), api.body());
    }

    @Test
    void englishIsCompleteAndRemembered() {
        assertEquals(I18n.keys(Lang.FR), I18n.keys(Lang.EN));
        Resp en = web.get("/login?lang=en", Map.of());
        assertTrue(en.body().contains("<html lang=\"en\">"));
        assertTrue(en.body().contains("Log in to see the security"), en.body());
        assertEquals("en", en.setCookie(Web.LANG_COOKIE));
        Resp again = web.get("/login", Map.of(Web.LANG_COOKIE, "en"));
        assertTrue(again.body().contains("Email address"));
        Session s = web.login("admin@alpha.example", ConsoleFixture.PASSWORD);
        assertTrue(web.get("/dashboard?lang=en", s).body().contains("Organisations you follow"));
        // the choice is the user's: kept without the cookie
        assertTrue(web.get("/dashboard", s).body().contains("Organisations you follow"));
        assertTrue(web.get("/dashboard?lang=fr", s).body().contains("Organisations suivies"));
    }

    @Test
    void organisationPageGivesTheExactAgentCommandsAndTheDevicePageExplainsFindings() throws Exception {
        Session s = web.login("admin@alpha.example", ConsoleFixture.PASSWORD);
        Resp created = web.post("/organisations/" + c.a1.id() + "/enrollment-codes", s, Map.of());
        assertEquals(201, created.status(), created.body());
        Matcher m = Pattern.compile("id=\"enroll-command\">vigie enroll --console (\\S+) --code ([A-Z0-9-]+)</code>")
                .matcher(created.body());
        assertTrue(m.find(), created.body());
        assertEquals(c.server.localUrl(), m.group(1));
        assertTrue(created.body().contains("href=\"/organisations/" + c.a1.id() + "?lang=en\""),
                "the language link of a form's answer reloads a page that answers GET");
        assertTrue(created.body().contains("vigie check --send"));
        UUID deviceId = UUID.randomUUID();
        var enrolled = c.store.tenants().enroll(m.group(2), deviceId, "poste-compta", "linux", c.clock.instant());
        Report first = SampleReports.report(deviceId, UUID.randomUUID());
        assertEquals(201, c.upload(deviceId + "." + enrolled.secret(), ConsoleFixture.json(first), false).statusCode());

        Resp device = web.get("/devices/" + deviceId, s);
        assertEquals(200, device.status());
        java.nio.file.Files.createDirectories(Path.of("target"));
        java.nio.file.Files.writeString(Path.of("target/device-page.html"), device.body());
        assertTrue(device.body().contains("srv-compta"), "the host name of the latest report");
        assertTrue(device.body().contains("Constaté :"), "evidence in plain words");
        assertTrue(device.body().contains("Pourquoi c&#39;est important :") || device.body().contains("Pourquoi c'est important :"));
        assertTrue(device.body().contains("premier rapport"), device.body());
        assertTrue(device.body().contains("id=\"report-times\""), "both clocks shown");
        assertFalse(device.body().contains("id=\"clock-warning\""), "a plausible clock is not flagged");
        assertTrue(device.body().contains("Réseau local (192.168.1.0/24)"), "the LAN section of the report");
        assertTrue(device.body().contains("192.168.1.1"));

        Resp org = web.get("/organisations/" + c.a1.id(), s);
        assertTrue(org.body().contains("srv-compta"));
        Resp dash = web.get("/dashboard", s);
        assertTrue(dash.body().contains("Boulangerie Martin"));

        // a customer viewer sees the same device, but no management form
        c.store.accounts().createUser(c.adminA.providerId(), null, "expert@alpha.example",
                io.vigie.console.auth.Passwords.hash(ConsoleFixture.PASSWORD), Role.EXPERT, c.clock.instant());
        Session expert = web.login("expert@alpha.example", ConsoleFixture.PASSWORD);
        assertEquals(200, web.get("/devices/" + deviceId, expert).status());
        assertEquals(403, web.get("/admin", expert).status());
    }

    /**
     * Issue 24 item 16: the device page shows the agent's collection time next to the console's arrival time, and says
     * plainly when the agent's clock is implausible (here a year ahead) and from when the console counts.
     */
    @Test
    void theDevicePageShowsBothClocksAndFlagsAnAgentClockAhead() throws Exception {
        Session s = web.login("admin@alpha.example", ConsoleFixture.PASSWORD);
        UUID deviceId = UUID.randomUUID();
        var code = c.store.tenants().createEnrollmentCode(c.adminA, c.a1.id(), c.clock.instant(), Duration.ofDays(1));
        var enrolled = c.store.tenants().enroll(code.secret(), deviceId, "poste-horloge", "linux", c.clock.instant());
        Report r = SampleReports.report(deviceId, UUID.randomUUID());
        java.time.Instant ahead = c.clock.instant().plus(Duration.ofDays(365));
        r = new Report(r.schemaVersion(), r.reportId(), deviceId, r.hostname(), r.platform(), r.agentVersion(),
                r.catalogueVersion(), ahead.minusSeconds(30), ahead, r.facts(), r.findings(), r.lan());
        assertEquals(201, c.upload(deviceId + "." + enrolled.secret(), ConsoleFixture.json(r), false).statusCode());

        String page = web.get("/devices/" + deviceId, s).body();
        assertTrue(page.contains("id=\"report-times\""), page);
        assertTrue(page.contains("(horloge du poste)") && page.contains("reçu par la console le"), page);
        assertTrue(page.contains("id=\"clock-warning\""), page);
        assertTrue(page.contains("horloge de ce poste est en avance : le rapport dit avoir été fait après son arrivée"), page);
        String en = web.get("/devices/" + deviceId + "?lang=en", s).body();
        assertTrue(en.contains("clock is ahead: the report says it was made after it arrived"), en);
        assertTrue(en.contains("received by the console on"), en);
    }

    @Test
    void invitationAndResetLinksWorkOnce() {
        Session admin = web.login("admin@alpha.example", ConsoleFixture.PASSWORD);
        Resp inv = web.post("/admin/invitations", admin, Map.of("email", "nouveau@alpha.example", "role", "EXPERT",
                "organisationId", ""));
        assertEquals(201, inv.status(), inv.body());
        Matcher m = Pattern.compile("id=\"one-time-link\">[^<]*(/invitations/[A-Za-z0-9_-]+)</code>").matcher(inv.body());
        assertTrue(m.find(), inv.body());
        String link = m.group(1);
        Resp form = web.get(link, Map.of());
        assertEquals(200, form.status());
        String pre = form.setCookie(Web.PRE_CSRF_COOKIE);
        Resp tooShort = web.post(link, Map.of(Web.PRE_CSRF_COOKIE, pre), Map.of("_csrf", pre, "password", "court", "confirm", "court"));
        assertEquals(400, tooShort.status());
        Resp ok = web.post(link, Map.of(Web.PRE_CSRF_COOKIE, pre), Map.of("_csrf", pre,
                "password", "une phrase de passe solide", "confirm", "une phrase de passe solide"));
        assertEquals(303, ok.status(), ok.body());
        assertNotNull(ok.setCookie(Web.SESSION_COOKIE));
        assertEquals(404, web.get(link, Map.of()).status(), "used once");
        Session newcomer = web.login("nouveau@alpha.example", "une phrase de passe solide");

        UUID userId = c.store.accounts().findLogin("nouveau@alpha.example").orElseThrow().user().id();
        String apiToken = c.store.accounts().createApiToken(c.store.accounts().findLogin("nouveau@alpha.example")
                .orElseThrow().user().scope(), "script", c.clock.instant()).secret();
        assertTrue(c.store.accounts().authenticateApiToken(apiToken).isPresent());
        Resp reset = web.post("/admin/users/" + userId + "/password-reset", admin, Map.of());
        Matcher r = Pattern.compile("(/password-reset/[A-Za-z0-9_-]+)</code>").matcher(reset.body());
        assertTrue(r.find(), reset.body());
        Resp rf = web.get(r.group(1), Map.of());
        String pre2 = rf.setCookie(Web.PRE_CSRF_COOKIE);
        assertEquals(303, web.post(r.group(1), Map.of(Web.PRE_CSRF_COOKIE, pre2), Map.of("_csrf", pre2,
                "password", "encore une autre phrase", "confirm", "encore une autre phrase")).status());
        assertEquals(303, web.get("/dashboard", newcomer).status(), "a reset ends the user's sessions");
        assertTrue(c.store.accounts().authenticateApiToken(apiToken).isEmpty(), "a reset revokes the user's API tokens");
        assertEquals(401, web.loginAttempt("nouveau@alpha.example", "une phrase de passe solide").status());
        web.login("nouveau@alpha.example", "encore une autre phrase");
        assertEquals(404, web.get(r.group(1), Map.of()).status(), "used once");
    }

    @Test
    void apiTokensAreListedCreatedOnceAndRevoked() {
        Session s = web.login("admin@alpha.example", ConsoleFixture.PASSWORD);
        Resp created = web.post("/account/tokens", s, Map.of("label", "script de sauvegarde"));
        assertEquals(201, created.status());
        Matcher m = Pattern.compile("id=\"new-token\">(vgt_[A-Za-z0-9_-]+)</code>").matcher(created.body());
        assertTrue(m.find(), created.body());
        String token = m.group(1);
        assertTrue(c.store.accounts().authenticateApiToken(token).isPresent());
        Resp list = web.get("/account/tokens", s);
        assertTrue(list.body().contains("script de sauvegarde"));
        assertFalse(list.body().contains(token), "the secret is shown once only");
        Matcher rv = Pattern.compile("/account/tokens/([0-9a-f-]{36})/revoke").matcher(list.body());
        String id = null;
        while (rv.find()) {
            if (c.store.accounts().authenticateApiToken(token).isPresent()) {
                id = rv.group(1);
                Resp revoked = web.post("/account/tokens/" + id + "/revoke", s, Map.of());
                assertEquals(303, revoked.status());
            }
        }
        assertNotNull(id);
        assertTrue(c.store.accounts().authenticateApiToken(token).isEmpty());
    }

    @Test
    void aManagerAllowsTheReEnrollmentOfADeviceFromItsPage() {
        UUID deviceId = UUID.randomUUID();
        c.enroll(c.a1, deviceId);
        c.setViewerA1Password();
        Session viewer = web.login("patron@martin.example", ConsoleFixture.PASSWORD);
        assertFalse(web.get("/devices/" + deviceId, viewer).body().contains("allow-reenrollment"));
        assertNotEquals(303, web.post("/devices/" + deviceId + "/allow-reenrollment", viewer, Map.of()).status());
        String code = c.store.tenants().createEnrollmentCode(c.adminA, c.a1.id(), c.clock.instant(),
                java.time.Duration.ofDays(1)).secret();
        assertEquals("device_id_taken", assertThrows(io.vigie.console.store.StoreException.class,
                () -> c.store.tenants().enroll(code, deviceId, "pc", "linux", c.clock.instant())).code());

        Session admin = web.login("admin@alpha.example", ConsoleFixture.PASSWORD);
        Resp page = web.get("/devices/" + deviceId, admin);
        assertTrue(page.body().contains("/devices/" + deviceId + "/allow-reenrollment"), page.body());
        Resp allowed = web.post("/devices/" + deviceId + "/allow-reenrollment", admin, Map.of());
        assertEquals(303, allowed.status(), allowed.body());
        assertTrue(web.get(allowed.location(), admin).body().contains("id=\"reenroll-allowed\""));
        assertEquals(deviceId, c.store.tenants().enroll(code, deviceId, "pc", "linux", c.clock.instant()).device().deviceId());
    }

    @Test
    void anAdminUnlocksAnAccountLockedByPasswordGuessing() {
        for (int i = 0; i < io.vigie.console.config.ConsoleConfig.Limits.DEFAULTS.failedLoginsPerHour(); i++) {
            assertEquals(401, web.loginAttempt("admin@alpha.example", "mauvaise phrase").status());
        }
        assertEquals(429, web.loginAttempt("admin@alpha.example", ConsoleFixture.PASSWORD).status(), "the owner too");
        c.createExpertA();
        // the expert is no admin: no unlock
        Session expert = web.login("expert@alpha.example", ConsoleFixture.PASSWORD);
        UUID adminId = c.adminA.userId();
        assertNotEquals(303, web.post("/admin/users/" + adminId + "/unlock", expert, Map.of()).status());
        assertEquals(429, web.loginAttempt("admin@alpha.example", ConsoleFixture.PASSWORD).status());
        // a second admin of the provider sees the button and unlocks
        c.store.accounts().createUser(c.adminA.providerId(), null, "admin2@alpha.example",
                io.vigie.console.auth.Passwords.hash(ConsoleFixture.PASSWORD), Role.PROVIDER_ADMIN, c.clock.instant());
        Session admin2 = web.login("admin2@alpha.example", ConsoleFixture.PASSWORD);
        assertTrue(web.get("/admin", admin2).body().contains("/admin/users/" + adminId + "/unlock"));
        assertEquals(303, web.post("/admin/users/" + adminId + "/unlock", admin2, Map.of()).status());
        web.login("admin@alpha.example", ConsoleFixture.PASSWORD);
    }
}
