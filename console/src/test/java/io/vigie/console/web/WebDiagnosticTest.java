package io.vigie.console.web;

import io.vigie.checks.referential.Referential;
import io.vigie.checks.scoring.Assessment;
import io.vigie.checks.scoring.Grades;
import io.vigie.checks.scoring.Scoring;
import io.vigie.checks.text.Lang;
import io.vigie.console.api.ConsoleFixture;
import io.vigie.console.web.WebTestClient.Resp;
import io.vigie.console.web.WebTestClient.Session;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The diagnostic workflow's first slice over plain HTTP: an expert creates a diagnostic and the owner's link, the
 * owner answers through the link without an account (context, then one theme per page), the summary's
 * « score déclaratif » equals {@link Scoring}'s; expired and unknown links store nothing; a viewer cannot create.
 */
class WebDiagnosticTest extends ConsoleWebTest {

    private static final Pattern RADIO = Pattern.compile("type=\"radio\" id=\"[^\"]+\" name=\"([^\"]+)\" value=\"([^\"]+)\"");
    private static final Pattern LINK = Pattern.compile("<code id=\"owner-link\">([^<]+)</code>");

    Map<String, String> savedAnswers() throws Exception {
        Map<String, String> out = new HashMap<>();
        try (Connection conn = c.connection();
             Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT question_id, answer_id FROM owner_answers")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    Session expert() {
        c.createExpertA();
        return web.login("expert@alpha.example", ConsoleFixture.PASSWORD);
    }

    /** Creates a diagnostic on A1 as {@code s}; returns its id. */
    String createDiagnostic(Session s) {
        Resp r = web.post("/organisations/" + c.a1.id() + "/diagnostics", s, Map.of("workstations", "5", "servers", "1"));
        assertEquals(303, r.status(), r.body());
        assertTrue(r.location().startsWith("/diagnostics/"), r.location());
        return r.location().substring("/diagnostics/".length());
    }

    String createLink(Session s, String diagnosticId) {
        Resp r = web.post("/diagnostics/" + diagnosticId + "/owner-links", s, Map.of());
        assertEquals(201, r.status(), r.body());
        Matcher m = LINK.matcher(r.body());
        assertTrue(m.find(), r.body());
        String link = m.group(1);
        assertTrue(link.startsWith(web.base + "/autodiag/"), link);
        // expiry shown with the link, 14 days by default
        assertTrue(r.body().contains("valable jusqu"), r.body());
        return link.substring(link.lastIndexOf('/') + 1);
    }

    /** The owner's browser: the form's double-submit cookie and token. */
    Resp ownerPost(String token, String pre, Map<String, String> fields) {
        Map<String, String> f = new LinkedHashMap<>(fields);
        f.put(Web.CSRF_FIELD, pre);
        return web.post("/autodiag/" + token, Map.of(Web.PRE_CSRF_COOKIE, pre), f);
    }

    @Test
    void theOwnerAnswersThroughTheLinkAndSeesTheDeclarativeScore() throws Exception {
        Session expert = expert();
        String diagnosticId = createDiagnostic(expert);
        Resp page = web.get("/diagnostics/" + diagnosticId, expert);
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("id=\"diag-workstations\">5<"), page.body());
        assertTrue(page.body().contains("id=\"diag-servers\">1<"), page.body());
        Resp org = web.get("/organisations/" + c.a1.id(), expert);
        assertTrue(org.body().contains("/diagnostics/" + diagnosticId), "listed on the organisation page");

        String token = createLink(expert, diagnosticId);
        assertEquals(0, c.count("SELECT COUNT(*) FROM owner_links WHERE token_hash = '" + token + "'"), "only the hash is kept");

        // the owner, no account: the context page first
        Resp first = web.get("/autodiag/" + token, Map.of());
        assertEquals(200, first.status(), first.body());
        String pre = first.setCookie(Web.PRE_CSRF_COOKIE);
        assertNotNull(pre);
        assertEquals(pre, first.csrf());
        assertTrue(first.body().contains("Votre entreprise"), first.body());
        // without the CSRF token nothing is saved
        assertEquals(403, web.post("/autodiag/" + token, Map.of(Web.PRE_CSRF_COOKIE, pre),
                Map.of("etape", "contexte", "q_C5", "no")).status());
        assertEquals(0, c.count("SELECT COUNT(*) FROM owner_answers"));

        Map<String, String> context = new LinkedHashMap<>();
        context.put("C1", "4");
        context.put("C2", "5");
        context.put("C3", "1");
        context.put("C4", "2");
        context.put("C5", "no");
        context.put("C6", "yes");
        context.put("C7", "yes");
        context.put("C8", "no");
        context.put("C9", "no");
        context.put("C10", "no");
        context.put("C11", "nsp");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("etape", "contexte");
        context.forEach((k, v) -> form.put("q_" + k, v));
        Resp saved = ownerPost(token, pre, form);
        assertEquals(303, saved.status(), saved.body());
        String next = saved.location();
        assertTrue(next.startsWith("/autodiag/" + token + "?etape=T"), next);

        // two themes, one page each, answers picked among the offered radio buttons (special answers included)
        Map<String, String> declared = new LinkedHashMap<>();
        List<String> themes = new ArrayList<>();
        for (int theme = 0; theme < 2; theme++) {
            Resp q = web.get(next, Map.of(Web.PRE_CSRF_COOKIE, pre));
            assertEquals(200, q.status(), q.body());
            themes.add(next.substring(next.indexOf("etape=") + 6));
            Map<String, List<String>> options = new LinkedHashMap<>();
            Matcher m = RADIO.matcher(q.body());
            while (m.find()) {
                options.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2));
            }
            assertFalse(options.isEmpty(), q.body());
            Map<String, String> answers = new LinkedHashMap<>();
            answers.put("etape", themes.get(theme));
            int i = theme;
            for (Map.Entry<String, List<String>> e : options.entrySet()) {
                assertTrue(e.getValue().contains("nsp") && e.getValue().contains("nc"), "special answers offered: " + e);
                String v = e.getValue().get(i++ % e.getValue().size());
                answers.put(e.getKey(), v);
                declared.put(e.getKey().substring(2).replace('_', '.'), v);
            }
            Resp s = ownerPost(token, pre, answers);
            assertEquals(303, s.status(), s.body());
            next = s.location();
        }
        assertFalse(themes.get(0).equals(themes.get(1)));
        // saved answers and one audit row per answer, by the owner's link
        Map<String, String> expected = new HashMap<>(context);
        expected.putAll(declared);
        assertEquals(expected, savedAnswers());
        assertEquals(expected.size(), c.count("SELECT COUNT(*) FROM diagnostic_audit WHERE who_kind = 'owner-link' "
                + "AND before_value IS NULL"));
        // a changed answer is one more audit row with its former value
        form.put("q_C11", "yes");
        assertEquals(303, ownerPost(token, pre, form).status());
        assertEquals(expected.size() + 1, c.count("SELECT COUNT(*) FROM diagnostic_audit"));
        assertEquals(1, c.count("SELECT COUNT(*) FROM diagnostic_audit WHERE what = 'C11' AND before_value = 'nsp' "
                + "AND after_value = 'yes'"));
        context.put("C11", "yes");

        // the summary: the same declarative score Scoring computes for the same answers
        Resp summary = web.get("/autodiag/" + token + "?etape=fin", Map.of());
        assertEquals(200, summary.status(), summary.body());
        Referential ref = Referential.builtin();
        Grades g = Scoring.score(ref, new Assessment(context, declared, Map.of(), Map.of(), List.of(),
                c.clock.instant())).declarative();
        assertNotNull(g.global());
        // issue 16 §3: two themes of fifteen are not enough answers for a global level (before, the page showed
        // G with « faible »): « pas encore assez de réponses », no number; each answered theme shows its grade
        assertEquals(io.vigie.checks.scoring.Level.NOT_EVALUATED, g.level());
        assertFalse(summary.body().contains("id=\"declarative-global\""), summary.body());
        assertTrue(summary.body().contains("Pas encore assez de réponses pour calculer un score."), summary.body());
        for (String theme : themes) {
            String name = ref.theme(theme).orElseThrow().fr();
            double grade = g.theme(theme).grade();
            assertTrue(g.theme(theme).evaluated(), theme);
            assertTrue(summary.body().contains(name + "</th><td>" + DiagnosticPages.grade(grade, Lang.FR) + " / 5"),
                    theme + " " + grade + " in " + summary.body());
        }
        // a theme the owner has not reached says so instead of « faible »
        assertTrue(summary.body().contains("<td>—</td><td><span class=\"badge level-not_evaluated\">non évalué</span>"),
                summary.body());
        assertTrue(summary.body().contains("Par où commencer"), summary.body());
        // in English on request
        Resp en = web.get("/autodiag/" + token + "?etape=fin&lang=en", Map.of());
        assertTrue(en.body().contains("Your declarative score"), en.body());
        assertTrue(en.body().contains("Not enough answers yet to compute a score."), en.body());
        assertTrue(en.body().contains("not assessed"), en.body());

        // the language link keeps the step
        assertTrue(summary.body().contains("href=\"/autodiag/" + token + "?etape=fin&amp;lang=en\""), summary.body());
        // opened in a browser that has a console session, the form carries the session's token and saves
        Resp inSession = web.get("/autodiag/" + token + "?etape=contexte", expert);
        assertEquals(expert.csrf(), inSession.csrf());
        form.put("q_C11", "nsp");
        assertEquals(303, web.post("/autodiag/" + token, expert, form).status());
        form.put("q_C11", "yes");
        assertEquals(303, web.post("/autodiag/" + token, expert, form).status());
        assertEquals(expected.size() + 3, c.count("SELECT COUNT(*) FROM diagnostic_audit"));

        // the expert sees the owner's progress and the audit log
        Resp after = web.get("/diagnostics/" + diagnosticId, expert);
        assertTrue(after.body().contains("dirigeant (lien)"), after.body());
        assertTrue(after.body().contains(declared.size() + " question(s) répondue(s)"), after.body());
        assertFalse(after.body().contains(token), "the link is shown only once");

        // after 14 days the link is dead: the invalid page, and nothing is stored
        long answers = c.count("SELECT COUNT(*) FROM owner_answers");
        long audit = c.count("SELECT COUNT(*) FROM diagnostic_audit");
        c.clock.advance(Duration.ofDays(14).plusMinutes(1));
        Resp expired = web.get("/autodiag/" + token, Map.of());
        assertEquals(404, expired.status());
        assertTrue(expired.body().contains("Lien invalide ou expiré"), expired.body());
        assertFalse(expired.body().contains(c.a1.name()), "nothing about the organisation");
        form.put("q_C11", "no");
        Resp late = ownerPost(token, pre, form);
        assertEquals(404, late.status());
        assertTrue(late.body().contains("Lien invalide ou expiré"));
        assertEquals(answers, c.count("SELECT COUNT(*) FROM owner_answers"));
        assertEquals(audit, c.count("SELECT COUNT(*) FROM diagnostic_audit"));
    }

    /**
     * Issue 16 §1: once the expert signed, the owner's link opens only to say « diagnostic signé » and what to do
     * (a new diagnostic); a write through it stores nothing.
     */
    @Test
    void aSignedDiagnosticsLinkSaysSoAndStoresNothing() throws Exception {
        Session expert = expert();
        String diagnosticId = createDiagnostic(expert);
        String token = createLink(expert, diagnosticId);
        Resp first = web.get("/autodiag/" + token, Map.of());
        String pre = first.setCookie(Web.PRE_CSRF_COOKIE);
        assertEquals(303, ownerPost(token, pre, Map.of("etape", "contexte", "q_C5", "no")).status());
        c.store.diagnostics().sign(c.adminA, UUID.fromString(diagnosticId), c.clock.instant());
        long audit = c.count("SELECT COUNT(*) FROM diagnostic_audit");

        Resp signed = web.get("/autodiag/" + token, Map.of());
        assertEquals(200, signed.status(), signed.body());
        assertTrue(signed.body().contains("Diagnostic signé"), signed.body());
        assertTrue(signed.body().contains("id=\"diagnostic-signed\""), signed.body());
        assertTrue(signed.body().contains("ouvrir un nouveau diagnostic"), signed.body());
        assertFalse(signed.body().contains("name=\"q_C5\""), "no question any more");
        Resp en = web.get("/autodiag/" + token + "?lang=en", Map.of());
        assertTrue(en.body().contains("Diagnostic signed") && en.body().contains("open a new diagnostic"), en.body());

        Resp post = ownerPost(token, pre, Map.of("etape", "contexte", "q_C5", "yes"));
        assertEquals(409, post.status(), post.body());
        assertTrue(post.body().contains("Diagnostic signé"), post.body());
        assertEquals(Map.of("C5", "no"), savedAnswers());
        assertEquals(audit, c.count("SELECT COUNT(*) FROM diagnostic_audit"));
    }

    @Test
    void aRandomTokenShowsTheInvalidPageAndStoresNothing() throws Exception {
        String random = UUID.randomUUID().toString().replace("-", "");
        Resp r = web.get("/autodiag/" + random, Map.of());
        assertEquals(404, r.status());
        assertTrue(r.body().contains("Lien invalide ou expiré"), r.body());
        String pre = r.setCookie(Web.PRE_CSRF_COOKIE);
        assertNotNull(pre);
        Resp p = ownerPost(random, pre, Map.of("etape", "contexte", "q_C5", "no"));
        assertEquals(404, p.status());
        assertTrue(p.body().contains("Lien invalide ou expiré"));
        assertEquals(0, c.count("SELECT COUNT(*) FROM owner_answers"));
        assertEquals(0, c.count("SELECT COUNT(*) FROM diagnostic_audit"));
    }

    @Test
    void aCustomerViewerCannotCreateADiagnosticNorALink() throws Exception {
        Session expert = expert();
        String diagnosticId = createDiagnostic(expert);
        c.setViewerA1Password();
        Session viewer = web.login("patron@martin.example", ConsoleFixture.PASSWORD);
        Resp r = web.post("/organisations/" + c.a1.id() + "/diagnostics", viewer, Map.of("workstations", "3", "servers", "0"));
        assertEquals(403, r.status(), r.body());
        assertEquals(1, c.count("SELECT COUNT(*) FROM diagnostics"));
        Resp org = web.get("/organisations/" + c.a1.id(), viewer);
        assertFalse(org.body().contains("id=\"create-diagnostic\""), "no form for a viewer");
        assertEquals(403, web.post("/diagnostics/" + diagnosticId + "/owner-links", viewer, Map.of()).status());
        assertEquals(0, c.count("SELECT COUNT(*) FROM owner_links"));
        // reading its own organisation's diagnostic is allowed, without the link button
        Resp page = web.get("/diagnostics/" + diagnosticId, viewer);
        assertEquals(200, page.status(), page.body());
        assertFalse(page.body().contains("create-owner-link"));
    }

    @Test
    void countsAreValidated() throws Exception {
        Session expert = expert();
        Resp r = web.post("/organisations/" + c.a1.id() + "/diagnostics", expert, Map.of("workstations", "-1", "servers", "x"));
        assertEquals(400, r.status(), r.body());
        assertTrue(r.body().contains("nombre entier"), r.body());
        assertEquals(0, c.count("SELECT COUNT(*) FROM diagnostics"));
    }

    @Test
    void theProviderAdminSetsHowLongOwnersLinksLastAndARefusalChangesNothing() {
        Session admin = web.login("admin@alpha.example", ConsoleFixture.PASSWORD);
        Resp page = web.get("/admin", admin);
        assertTrue(page.body().contains("id=\"owner-link-days\" name=\"ownerLinkDays\" type=\"number\" min=\"1\" max=\"90\" required value=\"14\""),
                page.body());
        io.vigie.console.store.DiagnosticStore ds = c.store.diagnostics();
        for (Map<String, String> bad : List.of(Map.of("silentDays", "7", "ownerLinkDays", "0"),
                Map.of("silentDays", "7", "ownerLinkDays", "91"), Map.of("silentDays", "7", "ownerLinkDays", "trois"),
                Map.of("silentDays", "0", "ownerLinkDays", "3"))) {
            Resp r = web.post("/admin/settings", admin, bad);
            assertEquals(400, r.status(), bad.toString());
            assertEquals(14, ds.ownerLinkDays(c.adminA), "nothing changed after " + bad);
        }
        assertTrue(web.post("/admin/settings", admin, Map.of("silentDays", "7", "ownerLinkDays", "0")).body()
                .contains("entre 1 et 90 jours"));
        assertEquals(303, web.post("/admin/settings", admin, Map.of("silentDays", "10", "ownerLinkDays", "3")).status());
        assertEquals(3, ds.ownerLinkDays(c.adminA));
        // the next link lasts 3 days: 2 March 2026 11:00 (Paris) + 3 days
        String d = createDiagnostic(admin);
        Resp link = web.post("/diagnostics/" + d + "/owner-links", admin, Map.of());
        assertEquals(201, link.status(), link.body());
        assertTrue(link.body().contains("5 mars 2026"), link.body());
        // the other provider keeps its own setting
        assertEquals(io.vigie.console.store.DiagnosticStore.DEFAULT_OWNER_LINK_DAYS, ds.ownerLinkDays(c.adminB));
    }
}
