package io.vigie.console.web;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vigie.checks.plan.ActionPlan;
import io.vigie.checks.plan.PlanItem;
import io.vigie.checks.plan.Status;
import io.vigie.checks.report.Verdict;
import io.vigie.console.TestDatabases;
import io.vigie.console.TestDatabases.Backend;
import io.vigie.console.TestDatabases.TestDb;
import io.vigie.console.api.ConsoleFixture;
import io.vigie.console.diagnostic.Evaluation;
import io.vigie.console.store.DiagnosticStore.PlanSwap;
import io.vigie.console.store.DiagnosticStore.Tracking;
import io.vigie.console.web.WebTestClient.Resp;
import io.vigie.console.web.WebTestClient.Session;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plan page over plain HTTP, on SQLite and PostgreSQL: the six measures and the full plan; owner, due date and
 * status edited by the expert and by the organisation's own viewer; bad input refused with nothing stored; swaps
 * checked against the plan (a third large project, a third swap); « vérifié » from later reports and its fall back
 * when a report contradicts it.
 */
@ExtendWith(VertxExtension.class)
class PlanPagesTest {

    @TempDir
    Path tmp;

    static String flat(String s) {
        return s.replaceAll("\\s+", " ");
    }

    static Map<String, String> item(String question, String owner, String due, String status) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("question", question);
        m.put("owner", owner);
        m.put("due", due);
        m.put("status", status);
        return m;
    }

    static Map<String, String> swap(String out, String in, String reason) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("out", out);
        m.put("in", in);
        m.put("reason", reason);
        return m;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void thePlanIsFollowedSwappedAndVerified(Backend backend, Vertx vertx) {
        try (TestDb db = TestDatabases.create(backend, tmp);
             ConsoleFixture c = new ConsoleFixture(vertx, db.url(), tmp)) {
            PlanFixture f = new PlanFixture(c).build();
            WebTestClient web = new WebTestClient(c.server.localUrl());
            Session expert = web.login("expert@alpha.example", ConsoleFixture.PASSWORD);
            Session viewer = web.login("patron@martin.example", ConsoleFixture.PASSWORD);

            Evaluation ev = f.evaluate();
            ActionPlan plan = ev.plan();
            // the fixture's plan: urgences first (5.2 end of life, a large project; 9.1 no backup), 7.1 in the plan
            assertEquals(6, plan.priorities().size(), plan.priorities().toString());
            assertTrue(plan.priorities().contains("5.2") && plan.item("5.2").urgent(), plan.priorities().toString());
            assertTrue(plan.priorities().contains("9.1") && plan.item("9.1").urgent(), plan.priorities().toString());
            assertTrue(plan.order().contains("7.1") && plan.order().contains("7.4") && plan.order().contains("8.4"),
                    plan.order().toString());
            assertEquals(1, plan.priorities().stream().filter(q -> plan.item(q).effort() == 3).count(), "one project in the six");

            // ---- the page: the six, their texts and guides, then the full plan in order
            Resp page = web.get(f.plan(), expert);
            assertEquals(200, page.status(), page.body());
            String body = flat(page.body());
            var recs = io.vigie.checks.plan.Recommendations.builtin();
            for (String q : plan.priorities()) {
                String title = recs.forQuestion(q).orElseThrow().text(plan.item(q).level(), "fr").title();
                assertTrue(body.contains("id=\"mesure-" + q.replace('.', '-') + "\""), q);
                assertTrue(body.contains(HtmlText(title)), title);
            }
            assertTrue(body.contains("href=\"https://www.cybermalveillance.gouv.fr/\""), "tutorial link of 9.1");
            // each measure says in one sentence why it stands there (checks' risk model, issue 16 §2)
            for (String q : plan.priorities()) {
                String why = io.vigie.checks.scoring.RiskModel.builtin().explain(plan.item(q).risk(), plan.item(q).urgent(),
                        io.vigie.checks.text.Lang.FR);
                assertTrue(body.contains("id=\"rank-reason-" + q.replace('.', '-') + "\">" + HtmlText(why) + "<"), why);
            }
            int last = -1;
            for (String q : plan.order()) {
                int at = body.indexOf("id=\"row-" + q.replace('.', '-') + "\"");
                assertTrue(at > last, "full plan in order at " + q);
                last = at;
            }
            // proofs explained: 9.1 rests on the backup rules for 30 days, not proven yet
            assertTrue(body.contains("id=\"proof-9-1\""), "9.1 has a proof");
            assertTrue(body.contains("pendant 30 jours d'affilée"), body);
            assertTrue(body.contains("/diagnostics/" + f.diagnosticId + "/report.pdf"), "link to the PDF");
            assertTrue(body.contains("urgent"), "urgent tag");

            // ---- editing an item (the expert), then another (the organisation's viewer)
            Resp saved = web.post(f.plan() + "/items", expert, item("9.1", "Marie Dupont", "2026-04-15", "EN_COURS"));
            assertEquals(303, saved.status(), saved.body());
            assertTrue(saved.location().startsWith(f.plan()), saved.location());
            Tracking t = f.ds.planTracking(c.adminA, f.diagnosticId).get("9.1");
            assertEquals("Marie Dupont", t.ownerName());
            assertEquals(LocalDate.parse("2026-04-15"), t.due());
            assertEquals(io.vigie.checks.plan.Status.EN_COURS, t.status());
            String shown = flat(web.get(f.plan(), viewer).body());
            assertTrue(shown.contains("id=\"owner-shown-9-1\">Marie Dupont<"), shown);
            assertTrue(shown.contains("id=\"due-shown-9-1\">15 avril 2026<"), shown);
            assertTrue(shown.contains("id=\"status-shown-9-1\">en cours<"), shown);
            assertTrue(shown.contains("value=\"2026-04-15\""), "the date input keeps the date");
            assertEquals(303, web.post(f.plan() + "/items", viewer, item("7.1", "Paul (prestataire)", "", "FAIT")).status());
            assertEquals(io.vigie.checks.plan.Status.FAIT, f.ds.planTracking(c.adminA, f.diagnosticId).get("7.1").status());

            // ---- bad input: a clear 400, nothing stored
            Map<String, Tracking> before = f.ds.planTracking(c.adminA, f.diagnosticId);
            int audit = f.ds.audit(c.adminA, f.diagnosticId).size();
            for (Map<String, String> bad : List.of(
                    item("99.9", "X", "", "FAIT"),
                    item("1.1x", "X", "", "FAIT"),
                    item("9.1", "X", "15/04/2026", "FAIT"),
                    item("9.1", "X", "2026-02-30", "FAIT"),
                    item("9.1", "X", "1899-01-01", "FAIT"),
                    item("9.1", "X", "", "VERIFIE"),
                    item("9.1", "X", "", "fini"),
                    item("9.1", "x".repeat(201), "", "FAIT"))) {
                Resp r = web.post(f.plan() + "/items", viewer, bad);
                assertEquals(400, r.status(), bad + ": " + r.body());
                assertTrue(r.body().contains("id=\"plan-notice\"") && r.body().contains("Rien n'a été enregistré"), r.body());
            }
            assertTrue(web.post(f.plan() + "/items", viewer, item("9.1", "X", "", "VERIFIE")).body()
                    .contains("« Vérifié » est donné par les rapports seulement"));
            assertEquals(before, f.ds.planTracking(c.adminA, f.diagnosticId));
            assertEquals(audit, f.ds.audit(c.adminA, f.diagnosticId).size());
            // without the CSRF token: 403, nothing stored
            Map<String, String> noCsrf = item("9.1", "Y", "", "FAIT");
            assertEquals(403, web.post(f.plan() + "/items", viewer.cookies(), noCsrf).status());
            assertEquals(before, f.ds.planTracking(c.adminA, f.diagnosticId));

            // ---- swaps: a project in (2 projects), a third project refused with its reason, reason required
            String light = plan.priorities().stream().filter(q -> plan.item(q).effort() < 3 && !plan.item(q).urgent())
                    .reduce((a, b) -> b).orElseThrow();
            Resp noReason = web.post(f.plan() + "/swaps", viewer, swap(light, "7.4", " "));
            assertEquals(400, noReason.status());
            assertTrue(noReason.body().contains("dites pourquoi"), noReason.body());
            assertEquals(0, f.ds.swaps(c.adminA, f.diagnosticId).size());
            assertEquals(303, web.post(f.plan() + "/swaps", viewer, swap(light, "7.4", "Le câblage est refait en mai")).status());
            List<PlanSwap> swaps = f.ds.swaps(c.adminA, f.diagnosticId);
            assertEquals(1, swaps.size());
            assertEquals("patron@martin.example", swaps.get(0).whoEmail());
            ActionPlan swapped = f.evaluate().plan();
            assertTrue(swapped.priorities().contains("7.4") && !swapped.priorities().contains(light), swapped.priorities().toString());
            String other = swapped.priorities().stream().filter(q -> swapped.item(q).effort() < 3 && !swapped.item(q).urgent())
                    .reduce((a, b) -> b).orElseThrow();
            Resp third = web.post(f.plan() + "/swaps", expert, swap(other, "8.4", "Télétravail prioritaire"));
            assertEquals(400, third.status(), third.body());
            assertTrue(flat(third.body()).contains("plus de 2 gros projets"), third.body());
            assertEquals(1, f.ds.swaps(c.adminA, f.diagnosticId).size());
            // an unknown measure, or one already in the six
            assertEquals(400, web.post(f.plan() + "/swaps", expert, swap(other, "5.2", "déjà dedans")).status());
            assertEquals(400, web.post(f.plan() + "/swaps", expert, swap("99.1", light, "pas dans les six")).status());
            // the second swap, then a third refused
            assertEquals(303, web.post(f.plan() + "/swaps", expert, swap(other, light, "On revient au plan")).status());
            String after = flat(web.get(f.plan(), viewer).body());
            assertTrue(after.contains("Le câblage est refait en mai") && after.contains("expert@alpha.example")
                    && after.contains("patron@martin.example"), "swaps logged: who, why");
            assertFalse(after.contains("id=\"swap-form\""), "no form once both swaps are made");
            Resp three = web.post(f.plan() + "/swaps", expert, swap("7.4", "8.4", "encore un"));
            assertEquals(400, three.status());
            assertTrue(three.body().contains("on ne peut faire que 2 échanges"), three.body());
            assertEquals(2, f.ds.swaps(c.adminA, f.diagnosticId).size());

            // ---- « vérifié »: sign, then 15 days of PASS reports on the firewall rule after the signature
            f.ds.sign(c.adminA, f.diagnosticId, c.clock.instant());
            Instant signed = c.clock.instant();
            for (int day : new int[] {1, 8, 16}) {
                c.clock.advance(Duration.ofDays(day == 1 ? 1 : day == 8 ? 7 : 8));
                f.report(f.pc, c.clock.instant().minusSeconds(60), PlanFixture.verdicts(Verdict.FAIL, Verdict.FAIL, Verdict.PASS));
                f.report(f.srv, c.clock.instant().minusSeconds(30), PlanFixture.verdicts(Verdict.PASS, Verdict.PASS, Verdict.PASS));
                Status s = f.evaluate().plan().item("7.1").status();
                assertEquals(day == 16 ? Status.VERIFIE : Status.FAIT, s, "day " + day);
            }
            // sessions last 12 hours: log in again after the days gone by
            viewer = web.login("patron@martin.example", ConsoleFixture.PASSWORD);
            String verified = flat(web.get(f.plan(), viewer).body());
            assertTrue(verified.contains("id=\"verified-7-1\"") || verified.contains("id=\"proof-7-1\""), verified);
            int proof = verified.indexOf("id=\"proof-7-1\"");
            String proofText = verified.substring(proof, verified.indexOf("</div>", proof));
            assertTrue(proofText.contains("vérifié") && proofText.contains("Prouvé depuis le "), proofText);
            assertTrue(f.evaluate().proofs().get("7.1").provenSince().isAfter(signed), "proven after the signature");
            // the report shows it too
            String report = flat(web.get("/diagnostics/" + f.diagnosticId + "/report", viewer).body());
            assertTrue(report.contains("vérifié (prouvé par les rapports de l&#39;agent depuis le 3 mars 2026)"), report);

            // a later FAIL contradicts it: back to what people said (fait), « contredit le … »
            c.clock.advance(Duration.ofDays(1));
            f.report(f.pc, c.clock.instant().minusSeconds(60), PlanFixture.verdicts(Verdict.FAIL, Verdict.FAIL, Verdict.FAIL));
            Evaluation contradicted = f.evaluate();
            assertEquals(Status.FAIT, contradicted.plan().item("7.1").status());
            assertNotNull(contradicted.proofs().get("7.1").contradictedAt());
            viewer = web.login("patron@martin.example", ConsoleFixture.PASSWORD);
            String back = flat(web.get(f.plan(), viewer).body());
            assertFalse(back.contains("id=\"verified-7-1\""), "no « vérifié » badge any more");
            proof = back.indexOf("id=\"proof-7-1\"");
            proofText = back.substring(proof, back.indexOf("</div>", proof));
            assertTrue(proofText.contains("contredit") && proofText.contains("a montré le contraire"), proofText);
            // items can still be followed on a signed diagnostic
            assertEquals(303, web.post(f.plan() + "/items", viewer, item("9.1", "Marie Dupont", "", "FAIT")).status());
            // but its six measures are fixed: no swap form, a swap is refused and says what to do
            Session expertAgain = web.login("expert@alpha.example", ConsoleFixture.PASSWORD);
            String signedPlan = flat(web.get(f.plan(), expertAgain).body());
            assertTrue(signedPlan.contains("id=\"swaps-signed\""), signedPlan);
            assertFalse(signedPlan.contains("id=\"swap-form\""));
            List<String> six = f.evaluate().plan().priorities();
            Resp late = web.post(f.plan() + "/swaps", expertAgain, swap("7.4", "8.4", "après la signature"));
            assertEquals(409, late.status());
            assertTrue(flat(late.body()).contains("ouvrez un nouveau diagnostic"), late.body());
            assertEquals(six, f.evaluate().plan().priorities());
        }
    }

    /** Escaped as jte escapes element content (&, <, > only: an apostrophe stays as it is). */
    static String HtmlText(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String Html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&#34;").replace("'", "&#39;");
    }
}
