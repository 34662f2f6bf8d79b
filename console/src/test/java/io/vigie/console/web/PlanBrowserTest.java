package io.vigie.console.web;

import io.vigie.console.Browser;
import io.vigie.console.api.ConsoleFixture;
import io.vigie.console.store.DiagnosticStore.Tracking;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plan page in headless Chromium, as the organisation's owner (a customer viewer): set a measure's owner, due
 * date (the browser's date field) and status, see them on the page, then open the report page and check its own
 * style is applied under its policy. Screenshots in {@code console/target/screenshots/plan-*.png}.
 */
class PlanBrowserTest extends ConsoleWebTest {

    PlanFixture f;
    Browser b;

    @BeforeEach
    void start() {
        f = new PlanFixture(c).build();
        b = Browser.start(c.server.localUrl(), tmp.resolve("chromium-profile"), 1280, 1600);
    }

    @AfterEach
    void stop() {
        if (b != null) {
            b.close();
        }
    }

    private String text(String id) {
        return b.text(By.id(id));
    }

    @Test
    void theOwnerFollowsAMeasureAndOpensTheReport() throws Exception {
        b.login("patron@martin.example", ConsoleFixture.PASSWORD);

        b.open(f.plan());
        assertTrue(text("six-h").contains("6 mesures en 6 mois"));
        assertEquals("à faire", text("status-shown-9-1"));
        b.shot("plan-01-before");

        WebElement owner = b.find(By.id("owner-9-1"));
        owner.clear();
        owner.sendKeys("Marie Dupont");
        // the browser's date field: its typing order follows the browser's locale (not the page's), so the date
        // picker's result is set the way the picker sets it: an ISO value
        WebElement due = b.find(By.id("due-9-1"));
        assertEquals("date", due.getAttribute("type"));
        ((org.openqa.selenium.JavascriptExecutor) b.driver).executeScript("arguments[0].value = '2026-04-15';", due);
        new Select(b.find(By.id("status-9-1"))).selectByValue("EN_COURS");
        b.find(By.id("save-9-1")).click();

        b.waitFor(d -> d.getCurrentUrl().contains("enregistre=1"));
        assertEquals("Enregistré.", text("plan-notice"));
        assertEquals("Marie Dupont", text("owner-shown-9-1"));
        assertEquals("15 avril 2026", text("due-shown-9-1"));
        assertEquals("en cours", text("status-shown-9-1"));
        Tracking t = f.ds.planTracking(c.adminA, f.diagnosticId).get("9.1");
        assertEquals("Marie Dupont", t.ownerName());
        assertEquals(LocalDate.of(2026, 4, 15), t.due());
        assertEquals(io.vigie.checks.plan.Status.EN_COURS, t.status());
        b.shot("plan-02-after-edit");

        b.find(By.id("report-link")).click();
        b.waitFor(Duration.ofSeconds(20), d -> d.getCurrentUrl().endsWith("/report"));
        assertTrue(b.driver.getTitle().startsWith("Rapport de diagnostic cybersécurité"), b.driver.getTitle());
        String body = b.body();
        assertTrue(body.contains("Marie Dupont") && body.contains("15 avril 2026"), body);
        // the report's own style is applied: its policy allows that one <style> by hash
        assertEquals("rgba(18, 61, 107, 1)", b.find(By.tagName("h1")).getCssValue("color"));
        b.shot("plan-03-report");
    }
}
