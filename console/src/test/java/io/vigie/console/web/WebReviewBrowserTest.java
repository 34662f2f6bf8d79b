package io.vigie.console.web;

import io.vigie.console.Browser;
import io.vigie.console.api.ConsoleFixture;
import io.vigie.console.store.DiagnosticStore;
import io.vigie.console.store.IssuedSecret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The expert review in headless Chromium (through {@link io.vigie.console.Browser}): an expert
 * opens the review, dismisses a device's finding with a reason, overrides a measured answer with a written reason,
 * and reads both in the audit of the diagnostic page. Screenshots in {@code console/target/screenshots/}.
 */
class WebReviewBrowserTest extends ConsoleWebTest {

    Browser b;

    @BeforeEach
    void start() {
        b = Browser.start(c.server.localUrl(), tmp.resolve("chromium-profile"), 1400, 1600);
    }

    @AfterEach
    void stop() {
        if (b != null) {
            b.close();
        }
    }

    @Test
    void dismissAFindingOverrideAMeasureAndReadTheAudit() throws Exception {
        UUID accueil = c.deviceWithSampleReport("poste-accueil");
        c.deviceWithSampleReport("poste-compta");
        DiagnosticStore diagnostics = c.store.diagnostics();
        io.vigie.checks.referential.Referential ref = io.vigie.checks.referential.Referential.builtin();
        UUID diag = diagnostics.createDiagnostic(c.adminA, c.a1.id(), ref.id(), ref.version(), 2, 0, c.clock.instant()).id();
        IssuedSecret link = diagnostics.createOwnerLink(c.adminA, diag, c.clock.instant());
        diagnostics.saveOwnerAnswers(link.secret(), Map.of("5.1", "d"), c.clock.instant());

        b.login("admin@alpha.example", ConsoleFixture.PASSWORD);
        b.bodyOnceLoaded(t -> t.contains("Tableau de bord"));

        b.open("/diagnostics/" + diag);
        b.find(By.id("review-link")).click();
        String review = b.bodyOnceLoaded(t -> t.contains("Revue de l'expert"));
        assertTrue(review.contains("Résultats automatiques des appareils"), review);
        WebElement conflict = b.find(By.id("conflict-q-5-1"));
        assertTrue(conflict.getText().contains("le dirigeant se dit mieux protégé que ce que montrent les preuves"));
        b.shot("20-review");

        // dismiss poste-accueil's FAIL with a reason
        WebElement row = b.find(By.id("f-" + accueil + "-VIG-UPD-001"));
        row.findElement(By.name("reason")).sendKeys("mises à jour installées hier, rapport d'avant");
        row.findElement(By.cssSelector("button[value=DISMISSED]")).click();
        b.bodyOnceLoaded(t -> t.contains("écarté (faux positif)"));
        WebElement after = b.find(By.id("f-" + accueil + "-VIG-UPD-001"));
        assertTrue(after.getText().contains("écarté (faux positif)"), after.getText());
        assertTrue(b.find(By.id("q-5-1")).getText().contains("1 appareil(s) conforme(s) sur 2 (50 %)"),
                b.find(By.id("q-5-1")).getText());

        // override the measured answer of 5.1: first without a reason (refused), then with one
        WebElement q = b.find(By.id("q-5-1"));
        q.findElement(By.tagName("summary")).click();
        new Select(b.find(By.id("so-a-q-5-1"))).selectByValue("c");
        b.find(By.cssSelector("#signoff-q-5-1 button[type=submit]")).click();
        String refused = b.bodyOnceLoaded(t -> t.contains("écrivez pourquoi"));
        assertTrue(refused.contains("pour retenir une autre réponse, écrivez pourquoi"), refused);
        b.shot("21-override-refused");
        b.find(By.linkText("Revenir à la revue")).click();
        b.bodyOnceLoaded(t -> t.contains("Revue de l'expert"));
        b.find(By.id("q-5-1")).findElement(By.tagName("summary")).click();
        new Select(b.find(By.id("so-a-q-5-1"))).selectByValue("c");
        b.find(By.id("so-r-q-5-1")).sendKeys("mises à jour faites chaque semaine par l'infogérant");
        b.find(By.cssSelector("#signoff-q-5-1 button[type=submit]")).click();
        b.bodyOnceLoaded(t -> t.contains("Mesure remplacée"));
        assertTrue(b.find(By.id("q-5-1")).getText().contains("Mesure remplacée : mises à jour faites chaque semaine"),
                b.find(By.id("q-5-1")).getText());
        b.shot("22-review-signed-off");

        // the audit on the diagnostic page
        b.open("/diagnostics/" + diag);
        String audit = b.find(By.id("audit")).getText();
        assertTrue(audit.contains("validation de l'expert"), audit);
        assertTrue(audit.contains("mises à jour faites chaque semaine par l'infogérant"), audit);
        assertTrue(audit.contains("décision sur un résultat automatique"), audit);
        assertTrue(audit.contains("poste-accueil — mises à jour installées hier"), audit);
        assertTrue(audit.contains("admin@alpha.example"), audit);
        b.shot("23-diagnostic-audit");
    }
}
