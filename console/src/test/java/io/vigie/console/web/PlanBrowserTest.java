package io.vigie.console.web;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vigie.console.TestDatabases;
import io.vigie.console.TestDatabases.Backend;
import io.vigie.console.TestDatabases.TestDb;
import io.vigie.console.api.ConsoleFixture;
import io.vigie.console.store.DiagnosticStore.Tracking;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plan page in headless Chromium, as the organisation's owner (a customer viewer): set a measure's owner, due
 * date (the browser's date field) and status, see them on the page, then open the report page and check its own
 * style is applied under its policy. Screenshots in {@code console/target/screenshots/plan-*.png}.
 */
@ExtendWith(VertxExtension.class)
class PlanBrowserTest {

    @TempDir
    Path tmp;
    TestDb db;
    ConsoleFixture c;
    PlanFixture f;
    WebDriver driver;
    ChromeDriverService service;

    @BeforeEach
    void start(Vertx vertx) {
        if (!Files.isExecutable(WebBrowserTest.CHROMIUM) || !Files.isExecutable(WebBrowserTest.CHROMEDRIVER)) {
            String msg = "browser tests skipped: install Debian's chromium and chromium-driver";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("CI=true: " + msg);
            }
            Assumptions.abort(msg);
        }
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("webdriver.chrome.driver", WebBrowserTest.CHROMEDRIVER.toString());
        db = TestDatabases.create(Backend.SQLITE, tmp);
        c = new ConsoleFixture(vertx, db.url(), tmp);
        f = new PlanFixture(c).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(WebBrowserTest.CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + tmp.resolve("chromium-profile"), "--window-size=1280,1600", "--lang=fr-FR");
        service = new ChromeDriverService.Builder().usingDriverExecutable(WebBrowserTest.CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (c != null) {
            c.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private void open(String path) {
        driver.get(c.server.localUrl() + path);
    }

    private void shot(String name) throws IOException {
        Files.createDirectories(WebBrowserTest.SHOTS);
        File file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), WebBrowserTest.SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private String text(String id) {
        return new WebDriverWait(driver, Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .until(d -> d.findElement(By.id(id)).getText());
    }

    @Test
    void theOwnerFollowsAMeasureAndOpensTheReport() throws Exception {
        open("/login");
        driver.findElement(By.id("email")).sendKeys("patron@martin.example");
        driver.findElement(By.id("password")).sendKeys(ConsoleFixture.PASSWORD);
        driver.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.getCurrentUrl().endsWith("/login"));

        open(f.plan());
        assertTrue(text("six-h").contains("6 mesures en 6 mois"));
        assertEquals("à faire", text("status-shown-9-1"));
        shot("plan-01-before");

        WebElement owner = driver.findElement(By.id("owner-9-1"));
        owner.clear();
        owner.sendKeys("Marie Dupont");
        // the browser's date field: its typing order follows the browser's locale (not the page's), so the date
        // picker's result is set the way the picker sets it: an ISO value
        WebElement due = driver.findElement(By.id("due-9-1"));
        assertEquals("date", due.getAttribute("type"));
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].value = '2026-04-15';", due);
        new Select(driver.findElement(By.id("status-9-1"))).selectByValue("EN_COURS");
        driver.findElement(By.id("save-9-1")).click();

        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("enregistre=1"));
        assertEquals("Enregistré.", text("plan-notice"));
        assertEquals("Marie Dupont", text("owner-shown-9-1"));
        assertEquals("15 avril 2026", text("due-shown-9-1"));
        assertEquals("en cours", text("status-shown-9-1"));
        Tracking t = f.ds.planTracking(c.adminA, f.diagnosticId).get("9.1");
        assertEquals("Marie Dupont", t.ownerName());
        assertEquals(LocalDate.of(2026, 4, 15), t.due());
        assertEquals("EN_COURS", t.status());
        shot("plan-02-after-edit");

        driver.findElement(By.id("report-link")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().endsWith("/report"));
        assertTrue(driver.getTitle().startsWith("Rapport de diagnostic cybersécurité"), driver.getTitle());
        String body = driver.findElement(By.tagName("body")).getText();
        assertTrue(body.contains("Marie Dupont") && body.contains("15 avril 2026"), body);
        // the report's own style is applied: its policy allows that one <style> by hash
        assertEquals("rgba(18, 61, 107, 1)", driver.findElement(By.tagName("h1")).getCssValue("color"));
        shot("plan-03-report");
    }
}
