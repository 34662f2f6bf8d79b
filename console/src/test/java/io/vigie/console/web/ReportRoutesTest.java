package io.vigie.console.web;

import io.vigie.checks.plan.ActionPlan;
import io.vigie.checks.plan.Recommendations;
import io.vigie.checks.testing.RequiredService;
import io.vigie.checks.text.Lang;
import io.vigie.checks.text.Texts;
import io.vigie.console.api.ConsoleFixture;
import io.vigie.console.diagnostic.Evaluation;
import io.vigie.console.store.DiagnosticStore.Decision;
import io.vigie.console.web.WebTestClient.Resp;
import io.vigie.console.web.WebTestClient.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /diagnostics/:id/report} and {@code /report.pdf}: the renderer's page under its own policy (its style
 * only), the PDF as a named download, read back with pdftotext; English on demand; the expert's dismissed findings
 * left out of the annex; « ce qui a changé » once there is an earlier diagnostic; another tenant gets 404.
 */
class ReportRoutesTest extends ConsoleWebTest {

    PlanFixture f;
    Session expert;

    @BeforeEach
    void start() {
        f = new PlanFixture(c).build();
        expert = web.login("expert@alpha.example", ConsoleFixture.PASSWORD);
    }

    static String flat(String s) {
        return s.replaceAll("\\s+", " ");
    }

    String url() {
        return "/diagnostics/" + f.diagnosticId + "/report";
    }

    List<String> sixTitles(Evaluation ev, Lang lang) {
        ActionPlan p = ev.plan();
        return p.priorities().stream().map(q -> Recommendations.builtin().forQuestion(q).orElseThrow()
                .text(p.item(q).level(), lang.code()).title()).toList();
    }

    @Test
    void theHtmlReportHasTheLevelTheSixMeasuresAndTheirGuides() {
        Evaluation ev = f.evaluate();
        Resp r = web.get(url(), expert);
        assertEquals(200, r.status(), r.body());
        assertEquals("text/html; charset=utf-8", r.headers().firstValue("content-type").orElse(""));
        String csp = r.headers().firstValue("content-security-policy").orElse("");
        assertTrue(csp.contains("style-src 'sha256-") && csp.startsWith("default-src 'none'"), csp);
        assertFalse(csp.contains("unsafe-inline") || csp.contains("script-src"), csp);
        String html = flat(r.body());
        assertFalse(html.toLowerCase().contains("<script"));
        String level = java.util.ResourceBundle.getBundle("io.vigie.console.report.messages", java.util.Locale.ROOT)
                .getString("level." + ev.score().grades().level().name());
        assertTrue(html.contains("Niveau de maturité : <strong>" + level + "</strong>"), html);
        assertTrue(html.contains("Boulangerie Martin") && html.contains("admin@alpha.example"), "cover: organisation, expert");
        for (String title : sixTitles(ev, Lang.FR)) {
            assertTrue(html.contains(esc(title)), title);
        }
        assertEquals(6, html.split("Guides pour vous aider : </strong><a href=\"https://", -1).length - 1,
                "tutorial links under each of the six measures");
        for (String q : ev.plan().priorities()) {
            String first = io.vigie.checks.plan.Recommendations.builtin().forQuestion(q).orElseThrow().links().get(0);
            String href = io.vigie.checks.plan.Recommendations.builtin().links().get(first).url();
            assertTrue(html.contains("<a href=\"" + esc(href) + "\""), "guide of " + q + ": " + href);
        }
        assertTrue(html.contains("<h3>poste-accueil</h3>") && html.contains("<h3>srv-compta</h3>"), "annex");
        assertFalse(html.contains("Ce qui a changé"), "no earlier diagnostic");

        // owner and due date as people set them
        assertEquals(303, web.post("/diagnostics/" + f.diagnosticId + "/plan/items", expert,
                PlanPagesTest.item("9.1", "Marie Dupont", "2026-04-15", "EN_COURS")).status());
        String tracked = flat(web.get(url(), expert).body());
        assertTrue(tracked.contains("Marie Dupont") && tracked.contains("15 avril 2026") && tracked.contains("en cours"), tracked);

        // English on demand
        String en = flat(web.get(url() + "?lang=en", expert).body());
        assertTrue(en.contains("lang=\"en\"") && en.contains("Maturity level"), en);
        for (String title : sixTitles(ev, Lang.EN)) {
            assertTrue(en.contains(esc(title)), title);
        }
        assertTrue(en.contains("Guides to help you"));
    }

    @Test
    void dismissedFindingsStayOutOfTheAnnexAndTheNextDiagnosticSaysWhatChanged() {
        String rule = Texts.builtin().rule(PlanFixture.FIREWALL_RULE, Lang.FR).title();
        String annex = annex(web.get(url(), expert).body());
        assertTrue(annex.contains(esc(rule)), annex);
        f.ds.reviewFinding(c.adminA, f.diagnosticId, f.pc.device().deviceId(), PlanFixture.FIREWALL_RULE,
                Decision.DISMISSED, "pare-feu du routeur", c.clock.instant());
        f.ds.reviewFinding(c.adminA, f.diagnosticId, f.srv.device().deviceId(), PlanFixture.FIREWALL_RULE,
                Decision.NOT_APPLICABLE, null, c.clock.instant());
        annex = annex(web.get(url(), expert).body());
        assertFalse(annex.contains(esc(rule)), annex);

        c.clock.advance(Duration.ofHours(1));
        String next = f.ds.createDiagnostic(c.adminA, c.a1.id(), f.ref.id(), f.ref.version(), 2, 0, c.clock.instant())
                .id().toString();
        String html = flat(web.get("/diagnostics/" + next + "/report", expert).body());
        assertTrue(html.contains("Ce qui a changé depuis le dernier diagnostic"), html);
        assertFalse(flat(web.get(url(), expert).body()).contains("Ce qui a changé"), "the older one has none");
    }

    /** As the renderer escapes text. */
    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    static String annex(String html) {
        int at = html.indexOf("<section class=\"annex\">");
        assertTrue(at >= 0, html);
        return flat(html.substring(at));
    }

    /** Bytes of a GET in the session (the PDF). */
    HttpResponse<byte[]> bytes(String path, Session s) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(web.base + path))
                    .header("Cookie", Web.SESSION_COOKIE + "=" + s.cookie()).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void thePdfIsANamedDownloadWithTheLevelTheMeasuresAndTheHosts() throws Exception {
        Evaluation ev = f.evaluate();
        HttpResponse<byte[]> r = bytes(url() + ".pdf", expert);
        assertEquals(200, r.statusCode());
        assertEquals("application/pdf", r.headers().firstValue("content-type").orElse(""));
        assertEquals("attachment; filename=\"vigie-boulangerie-martin-2026-03-02.pdf\"",
                r.headers().firstValue("content-disposition").orElse(""));
        assertTrue(new String(r.body(), 0, 5, StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
        RequiredService.programs("poppler-utils", "pdftotext"); // the PDF's content, read back
        String text = pdfText(r.body(), "fr");
        String level = java.util.ResourceBundle.getBundle("io.vigie.console.report.messages", java.util.Locale.ROOT)
                .getString("level." + ev.score().grades().level().name());
        assertTrue(text.contains("Niveau de maturité : " + level), text);
        for (String title : sixTitles(ev, Lang.FR)) {
            assertTrue(text.contains(title), "measure " + title + " in " + text);
        }
        assertTrue(text.contains("poste-accueil") && text.contains("srv-compta"), "annex hosts");

        HttpResponse<byte[]> en = bytes(url() + ".pdf?lang=en", expert);
        assertEquals(200, en.statusCode());
        assertTrue(en.headers().firstValue("content-disposition").orElse("").endsWith("-en.pdf\""));
        String enText = pdfText(en.body(), "en");
        assertTrue(enText.contains("Maturity level"), enText);
        for (String title : sixTitles(ev, Lang.EN)) {
            assertTrue(enText.contains(title), "measure " + title);
        }
    }

    @Test
    void theOrganisationsViewerReadsItAndOtherTenantsGetNotFound() {
        c.store.web()
                .setPassword(c.adminB.userId(), io.vigie.console.auth.Passwords.hash(ConsoleFixture.PASSWORD));
        Session viewer = web.login("patron@martin.example", ConsoleFixture.PASSWORD);
        assertEquals(200, web.get(url(), viewer).status());
        assertEquals(200, bytes(url() + ".pdf", viewer).statusCode());
        Session other = web.login("admin@beta.example", ConsoleFixture.PASSWORD);
        for (String path : List.of(url(), url() + ".pdf", "/diagnostics/" + f.diagnosticId + "/plan")) {
            Resp r = web.get(path, other);
            assertEquals(404, r.status(), path);
            assertFalse(r.body().contains("Boulangerie") || r.body().contains("poste-accueil"), r.body());
        }
        // a viewer of A1 asking for a diagnostic of A2
        String a2 = f.ds.createDiagnostic(c.adminA, c.a2.id(), f.ref.id(), f.ref.version(), 1, 0, c.clock.instant()).id().toString();
        assertEquals(404, web.get("/diagnostics/" + a2 + "/report", viewer).status());
        assertEquals(404, bytes("/diagnostics/" + a2 + "/report.pdf", viewer).statusCode());
        assertEquals(200, web.get("/diagnostics/" + a2 + "/report", expert).status());
    }

    // ---- pdftotext

    String pdfText(byte[] pdf, String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "report-routes"));
        Path file = dir.resolve("report-" + name + ".pdf");
        Files.write(file, pdf);
        Process p = new ProcessBuilder("pdftotext", "-enc", "UTF-8", file.getFileName().toString(), "-")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "pdftotext timed out");
        assertEquals(0, p.exitValue(), out);
        // the PDF's typography joins « fi » into one glyph: read it back as two letters
        return flat(java.text.Normalizer.normalize(out, java.text.Normalizer.Form.NFKC));
    }
}
