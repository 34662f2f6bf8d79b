package io.vigie.console.web;

import io.vigie.checks.referential.Question;
import io.vigie.checks.scoring.Conflict;
import io.vigie.checks.scoring.QuestionResult;
import io.vigie.console.api.ConsoleFixture;
import io.vigie.console.diagnostic.DiagnosticEvaluator;
import io.vigie.console.diagnostic.Evaluation;
import io.vigie.console.store.DiagnosticStore;
import io.vigie.console.store.IssuedSecret;
import io.vigie.console.web.WebTestClient.Resp;
import io.vigie.console.web.WebTestClient.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The expert review over plain HTTP, on reports two enrolled devices uploaded through the agent API (judged by the
 * console): decisions on findings change the measured answers, an owner more optimistic than the evidence is
 * flagged, overriding a measure needs a reason, everything lands in the audit shown on the diagnostic page;
 * viewers read but cannot write, bad input stores nothing, a signed diagnostic refuses every write.
 */
class WebReviewTest extends ConsoleWebTest {

    DiagnosticStore diagnostics;
    DiagnosticEvaluator evaluator;
    UUID accueil;
    UUID compta;

    @BeforeEach
    void start() {
        diagnostics = c.store.diagnostics();
        evaluator = new DiagnosticEvaluator(c.store, diagnostics);
        accueil = c.deviceWithSampleReport("poste-accueil");
        compta = c.deviceWithSampleReport("poste-compta");
    }

    long stored() throws Exception {
        return c.count("SELECT COUNT(*) FROM expert_answers") + c.count("SELECT COUNT(*) FROM finding_reviews")
                + c.count("SELECT COUNT(*) FROM diagnostic_audit") + c.count("SELECT COUNT(*) FROM diagnostics WHERE signed_at IS NOT NULL");
    }

    Session expert() {
        c.createExpertA();
        return web.login("expert@alpha.example", ConsoleFixture.PASSWORD);
    }

    Session viewer() {
        c.setViewerA1Password();
        return web.login("patron@martin.example", ConsoleFixture.PASSWORD);
    }

    String createDiagnostic(Session s, int workstations) {
        Resp r = web.post("/organisations/" + c.a1.id() + "/diagnostics", s,
                Map.of("workstations", String.valueOf(workstations), "servers", "0"));
        assertEquals(303, r.status(), r.body());
        return r.location().substring("/diagnostics/".length());
    }

    Evaluation eval(String diagnosticId) {
        return evaluator.evaluate(c.adminA, UUID.fromString(diagnosticId), c.clock.instant());
    }

    /** The owner answers through a link: says updates are fully automatic (the best answer of 5.1). */
    void ownerDeclares(String diagnosticId, Map<String, String> answers) {
        IssuedSecret link = diagnostics.createOwnerLink(c.adminA, UUID.fromString(diagnosticId), c.clock.instant());
        diagnostics.saveOwnerAnswers(link.secret(), answers, c.clock.instant());
    }

    Resp finding(Session s, String diag, UUID device, String rule, String decision, String reason) {
        return web.post("/diagnostics/" + diag + "/findings", s, Map.of("device", device.toString(), "rule", rule,
                "decision", decision, "reason", reason));
    }

    Resp signOff(Session s, String diag, String question, String answer, String reason) {
        return web.post("/diagnostics/" + diag + "/signoffs", s, Map.of("question", question, "answer", answer,
                "reason", reason));
    }

    static String row(String html, String id) {
        int i = html.indexOf("id=\"" + id + "\"");
        assertTrue(i >= 0, "no element " + id);
        int end = html.indexOf("</tr>", i);
        return html.substring(i, end);
    }

    @Test
    void decisionsOnFindingsChangeTheMeasureAndOverridesNeedAReason() throws Exception {
        Session expert = expert();
        String diag = createDiagnostic(expert, 2);
        ownerDeclares(diag, Map.of("5.1", "d"));

        // both devices FAIL VIG-UPD-001: measured 0 of 2 → « 1 », the owner said « 3 »: optimistic
        Evaluation before = eval(diag);
        QuestionResult q51 = before.score().question("5.1");
        assertEquals(2, q51.measured().counted());
        assertEquals(0, q51.measured().compliant());
        assertEquals(1.0, q51.measured().value());
        assertEquals(Conflict.OPTIMISTE, q51.conflict());
        Resp page = web.get("/diagnostics/" + diag + "/review", expert);
        assertEquals(200, page.status(), page.body());
        String r51 = row(page.body(), "q-5-1");
        assertTrue(r51.contains("0 appareil(s) conforme(s) sur 2 (0 %)"), r51);
        assertTrue(r51.contains("id=\"conflict-q-5-1\""), r51);
        assertTrue(r51.contains("le dirigeant se dit mieux protégé que ce que montrent les preuves"), r51);
        assertTrue(page.body().contains("1 question(s) où le dirigeant se dit mieux protégé"), "summary counts it");
        // the findings of both devices, in words
        String dev = page.body().substring(page.body().indexOf("id=\"dev-" + accueil + "\""));
        assertTrue(dev.contains("poste-accueil"), dev);
        assertTrue(dev.contains("Mises à jour de sécurité en attente"), dev);
        assertTrue(dev.contains("VIG-UPD-001"), dev);
        assertTrue(page.body().contains("poste-compta"));

        // dismissing without a reason: a clear error, nothing stored
        long nothing = stored();
        Resp noReason = finding(expert, diag, accueil, "VIG-UPD-001", "DISMISSED", "  ");
        assertEquals(400, noReason.status(), noReason.body());
        assertTrue(noReason.body().contains("Pour écarter un résultat, écrivez pourquoi il est faux"), noReason.body());
        assertTrue(noReason.body().contains("/diagnostics/" + diag + "/review"), "a way back to the review");
        assertEquals(nothing, stored());
        // bad input: unknown rule, unknown decision, another organisation's device
        assertEquals(400, finding(expert, diag, accueil, "VIG-XXX-999", "CONFIRMED", "").status());
        assertEquals(400, finding(expert, diag, accueil, "VIG-UPD-001", "MAYBE", "").status());
        assertEquals(400, finding(expert, diag, UUID.randomUUID(), "VIG-UPD-001", "CONFIRMED", "").status());
        assertEquals(nothing, stored());

        // overriding the measure without a reason: refused before anything is written
        Resp override = signOff(expert, diag, "5.1", "c", "");
        assertEquals(400, override.status(), override.body());
        assertTrue(override.body().contains("pour retenir une autre réponse, écrivez pourquoi"), override.body());
        assertEquals(nothing, stored());
        // bad question / answer ids
        assertEquals(400, signOff(expert, diag, "99.9", "a", "x").status());
        assertEquals(400, signOff(expert, diag, "5.1", "zz", "x").status());
        assertEquals(400, web.post("/diagnostics/" + diag + "/observations", expert,
                Map.of("question", "5.1", "answer", "<b>")).status());
        assertEquals(nothing, stored());
        // with a reason: stored, shown, audited
        Resp ok = signOff(expert, diag, "5.1", "c", "mises à jour faites par l'infogérant chaque semaine");
        assertEquals(303, ok.status(), ok.body());
        assertEquals("/diagnostics/" + diag + "/review#q-5-1", ok.location());
        DiagnosticStore.ExpertAnswer ea = diagnostics.expertAnswers(c.adminA, UUID.fromString(diag)).get("5.1");
        assertTrue(ea.signedOff());
        assertEquals("c", ea.signOffAnswer());
        QuestionResult signed = eval(diag).score().question("5.1");
        assertTrue(signed.overridden());
        assertEquals(2.0, signed.value());

        // dismissing with a reason: that device's FAIL no longer counts
        Resp dismissed = finding(expert, diag, accueil, "VIG-UPD-001", "DISMISSED", "mises à jour installées hier, rapport d'avant");
        assertEquals(303, dismissed.status(), dismissed.body());
        QuestionResult after = eval(diag).score().question("5.1");
        assertEquals(1, after.measured().compliant(), "poste-accueil counts as compliant now");
        page = web.get("/diagnostics/" + diag + "/review", expert);
        assertTrue(row(page.body(), "q-5-1").contains("1 appareil(s) conforme(s) sur 2 (50 %)"), row(page.body(), "q-5-1"));
        String f = row(page.body(), "f-" + accueil + "-VIG-UPD-001");
        assertTrue(f.contains("écarté (faux positif)") && f.contains("mises à jour installées hier"), f);
        // the other device marked not applicable: nothing left failing, the measure becomes « 3 », no conflict
        assertEquals(303, finding(expert, diag, compta, "VIG-UPD-001", "NOT_APPLICABLE", "").status());
        QuestionResult none = eval(diag).score().question("5.1");
        assertEquals(3.0, none.measured().value());
        assertNull(none.conflict());
        // the sign-off kept its reason, so it still stands (an override of the new measure)
        assertTrue(none.signedOff());

        // the audit on the diagnostic page: who, kind, before, after, reason
        Resp d = web.get("/diagnostics/" + diag, expert);
        assertEquals(200, d.status(), d.body());
        String audit = d.body().substring(d.body().indexOf("id=\"audit\""));
        assertTrue(audit.contains("<td>expert@alpha.example</td><td>validation de l'expert</td><th scope=\"row\">5.1</th>"
                + "<td>—</td><td>c · "), audit);
        assertTrue(audit.contains("</td><td>mises à jour faites par l'infogérant chaque semaine</td></tr>"), audit);
        assertTrue(audit.contains("décision sur un résultat automatique"), audit);
        assertTrue(audit.contains("poste-accueil — mises à jour installées hier"), audit);
        assertTrue(audit.contains("écarté (faux positif)"), audit);
        assertTrue(audit.contains("réponse du dirigeant"), audit);
    }

    @Test
    void theDiagnosticPageShowsTheEvaluatedResult() throws Exception {
        Session expert = expert();
        // 5 computers declared, 2 reporting: 40 % coverage, measures capped
        String diag = createDiagnostic(expert, 5);
        ownerDeclares(diag, Map.of("5.1", "d", "9.1", "c"));
        Evaluation ev = eval(diag);
        Resp page = web.get("/diagnostics/" + diag, expert);
        assertEquals(200, page.status(), page.body());
        String body = page.body();
        assertTrue(body.contains("2 poste(s) qui remontent sur 5 déclaré(s) : 40 %"), body);
        assertTrue(body.contains("id=\"diag-capped\">mesures plafonnées<"), body);
        // global grade with a French comma and its level, as the evaluator computes it
        String global = DiagnosticPages.grade(ev.score().grades().global(), io.vigie.checks.text.Lang.FR);
        assertTrue(global.contains(","), global);
        // issue 16 §3: two owner answers and two reports are far from half the weight: no global grade or level yet
        // (before, the page showed this G with « faible »)
        assertEquals(io.vigie.checks.scoring.Level.NOT_EVALUATED, ev.score().grades().level());
        assertFalse(body.contains("<strong>" + global + "</strong> / 5"), body);
        assertTrue(body.contains("<p id=\"diag-global\">Pas encore assez de réponses pour calculer un score.</p>"), body);
        // 15 themes with grade, level and confidence
        assertEquals(15, body.split("<tr id=\"theme-T").length - 1);
        var t05 = ev.score().grades().theme("T05");
        String t05row = row(body, "theme-T05");
        // T05: 5.1 (weight 3) and 5.2 (3, measured) of 9 answered → 6/9 ≥ 0.5, evaluated
        assertTrue(t05.evaluated(), String.valueOf(t05.answered()));
        assertTrue(t05row.contains(DiagnosticPages.grade(t05.grade(), io.vigie.checks.text.Lang.FR) + " / 5"), t05row);
        // T11 (awareness): nobody answered, « non évalué » and no number
        assertTrue(row(body, "theme-T11").contains("non évalué"), row(body, "theme-T11"));
        assertTrue(t05row.contains(Math.round(100 * t05.confidence()) + " %"), t05row);
        // the guard rule names the low socle themes
        assertFalse(ev.score().grades().cappedBy().isEmpty());
        assertTrue(body.contains("id=\"diag-guard\""), body);
        // signals: « accessible depuis le réseau » with the devices' names, never « exposé » without proof
        if (!ev.score().signals().isEmpty()) {
            assertTrue(body.contains("accessible depuis le réseau"), body);
        }
        assertFalse(body.contains("id=\"urgence-internet_exposure\""), "no expert observation: no internet exposure");
        // conflicts counted, devices fresh
        assertTrue(body.contains("id=\"diag-conflicts\""), body);
        String devices = body.substring(body.indexOf("id=\"diag-devices\""));
        assertTrue(devices.contains("poste-accueil") && devices.contains("à jour"), devices);
        assertTrue(body.contains("href=\"/diagnostics/" + diag + "/review\""), "link to the review");

        // the expert observes 7.2 « exposed »: the internet exposure urgence appears, named as proven by the expert
        assertEquals(303, web.post("/diagnostics/" + diag + "/observations", expert,
                Map.of("question", "7.2", "answer", "a")).status());
        body = web.get("/diagnostics/" + diag, expert).body();
        assertTrue(body.contains("id=\"urgence-internet_exposure\""), body);
        assertTrue(body.contains("Constaté par l'expert (question 7.2)"), body);

        // 8 days later the reports are old: less reliable; 31 days later they are ignored
        c.clock.advance(Duration.ofDays(8));
        expert = web.login("expert@alpha.example", ConsoleFixture.PASSWORD); // sessions last 12 hours
        body = web.get("/diagnostics/" + diag, expert).body();
        assertTrue(body.contains("ancien — moins fiable (plus de 7 jours)"), body);
        c.clock.advance(Duration.ofDays(23));
        expert = web.login("expert@alpha.example", ConsoleFixture.PASSWORD);
        body = web.get("/diagnostics/" + diag, expert).body();
        assertTrue(body.contains("ignoré (plus de 30 jours)"), body);
        assertTrue(body.contains("0 poste(s) qui remontent sur 5 déclaré(s) : 0 %"), body);
    }

    @Test
    void viewersReadButCannotWriteAndOwnerLinksCanBeRevoked() throws Exception {
        Session expert = expert();
        String diag = createDiagnostic(expert, 2);
        IssuedSecret link = diagnostics.createOwnerLink(c.adminA, UUID.fromString(diag), c.clock.instant());
        Session viewer = viewer();
        Resp page = web.get("/diagnostics/" + diag + "/review", viewer);
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("Lecture seule"), page.body());
        assertFalse(page.body().contains("action=\"/diagnostics/" + diag + "/findings\""), "no form for a viewer");
        long nothing = stored();
        assertEquals(403, finding(viewer, diag, accueil, "VIG-UPD-001", "CONFIRMED", "").status());
        assertEquals(403, signOff(viewer, diag, "5.1", "", "").status());
        assertEquals(403, web.post("/diagnostics/" + diag + "/observations", viewer, Map.of("question", "5.1", "answer", "a")).status());
        assertEquals(403, web.post("/diagnostics/" + diag + "/signoffs/withdraw", viewer, Map.of("question", "5.1")).status());
        assertEquals(403, web.post("/diagnostics/" + diag + "/sign", viewer, Map.of()).status());
        assertEquals(403, web.post("/diagnostics/" + diag + "/owner-links/revoke", viewer, Map.of()).status());
        assertEquals(nothing, stored());
        assertTrue(diagnostics.ownerAccess(link.secret(), c.clock.instant()).isPresent());

        // staff revokes: the link stops working at once, the audit says so
        Resp revoked = web.post("/diagnostics/" + diag + "/owner-links/revoke", expert, Map.of());
        assertEquals(303, revoked.status(), revoked.body());
        assertTrue(diagnostics.ownerAccess(link.secret(), c.clock.instant()).isEmpty());
        assertEquals(404, web.get("/autodiag/" + link.secret(), Map.of()).status());
        Resp d = web.get(revoked.location(), expert);
        assertTrue(d.body().contains("Liens du dirigeant révoqués : 1."), d.body());
        assertTrue(d.body().contains("1 lien(s) révoqué(s)"), d.body());
    }

    @Test
    void signingNeedsEverySignOffThenEveryWriteIsRefused() throws Exception {
        Session expert = expert();
        String diag = createDiagnostic(expert, 2);
        ownerDeclares(diag, Map.of("1.1", "b"));
        Resp early = web.post("/diagnostics/" + diag + "/sign", expert, Map.of());
        assertEquals(409, early.status(), early.body());
        assertTrue(early.body().contains("question(s) qui s'appliquent ne sont pas validées"), early.body());
        assertEquals(0, c.count("SELECT COUNT(*) FROM diagnostics WHERE signed_at IS NOT NULL"));
        // accepting when nothing is proposed is refused; an answer must be chosen
        Resp nothing = signOff(expert, diag, "2.3", "", "");
        assertEquals(400, nothing.status(), nothing.body());
        assertTrue(nothing.body().contains("aucune proposition à accepter"), nothing.body());

        Evaluation ev = eval(diag);
        int posted = 0;
        for (Question q : ev.referential().questions()) {
            QuestionResult qr = ev.score().question(q.id());
            if (!qr.applicable()) {
                continue;
            }
            Resp r = qr.proposal() != null ? signOff(expert, diag, q.id(), "", "")
                    : signOff(expert, diag, q.id(), "nsp", "vérifié sur place : pas d'information");
            assertEquals(303, r.status(), q.id() + ": " + r.body());
            posted++;
        }
        assertTrue(posted > 40, "applicable questions: " + posted);
        // withdraw one: signing is refused again with the count
        assertEquals(303, web.post("/diagnostics/" + diag + "/signoffs/withdraw", expert, Map.of("question", "1.1")).status());
        Resp one = web.post("/diagnostics/" + diag + "/sign", expert, Map.of());
        assertEquals(409, one.status());
        assertTrue(one.body().contains(": 1 question(s)"), one.body());
        assertEquals(303, signOff(expert, diag, "1.1", "", "").status());

        Resp sign = web.post("/diagnostics/" + diag + "/sign", expert, Map.of());
        assertEquals(303, sign.status(), sign.body());
        assertEquals("/diagnostics/" + diag, sign.location());
        Resp d = web.get("/diagnostics/" + diag, expert);
        assertTrue(d.body().contains("id=\"diag-signed\""), d.body());
        assertTrue(d.body().contains("expert@alpha.example"), d.body());
        assertTrue(d.body().contains("signature du diagnostic"), d.body());

        // every write now answers 409 with a clear page, and stores nothing
        long before = stored();
        for (Resp r : new Resp[] {finding(expert, diag, accueil, "VIG-UPD-001", "CONFIRMED", ""),
                signOff(expert, diag, "5.1", "", ""),
                web.post("/diagnostics/" + diag + "/observations", expert, Map.of("question", "5.1", "answer", "a")),
                web.post("/diagnostics/" + diag + "/signoffs/withdraw", expert, Map.of("question", "5.1")),
                web.post("/diagnostics/" + diag + "/sign", expert, Map.of())}) {
            assertEquals(409, r.status(), r.body());
            assertTrue(r.body().contains("Ce diagnostic est signé : il ne peut plus être modifié."), r.body());
        }
        assertEquals(before, stored());
        Resp review = web.get("/diagnostics/" + diag + "/review", expert);
        assertEquals(200, review.status());
        assertTrue(review.body().contains("la revue est close"), review.body());
        assertFalse(review.body().contains("action=\"/diagnostics/" + diag + "/signoffs\""), "no form once signed");
        assertNotNull(review.body());
    }

    @Test
    void theReviewPageIsCompleteInEnglish() {
        Session expert = expert();
        String diag = createDiagnostic(expert, 2);
        Resp page = web.get("/diagnostics/" + diag + "/review?lang=en", expert);
        assertEquals(200, page.status());
        assertTrue(page.body().contains("Expert review"), page.body());
        assertTrue(page.body().contains("compliant device(s) out of 2"), page.body());
        assertFalse(page.body().contains("appareil(s) conforme(s)"), "no French left");
        Map<String, String> none = new LinkedHashMap<>();
        assertTrue(none.isEmpty());
    }
}
