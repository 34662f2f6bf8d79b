package io.vigie.console.web;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vigie.checks.report.Report;
import io.vigie.console.SampleReports;
import io.vigie.console.TestDatabases;
import io.vigie.console.TestDatabases.Backend;
import io.vigie.console.TestDatabases.TestDb;
import io.vigie.console.api.ConsoleFixture;
import io.vigie.console.store.DiagnosticStore;
import io.vigie.console.store.Enrolled;
import io.vigie.console.store.IssuedSecret;
import io.vigie.console.store.jdbc.JdbcDiagnosticStore;
import io.vigie.console.store.jdbc.JdbcStore;
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
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The expert review in headless Chromium (Debian's chromium + chromedriver, as {@link WebBrowserTest}): an expert
 * opens the review, dismisses a device's finding with a reason, overrides a measured answer with a written reason,
 * and reads both in the audit of the diagnostic page. Screenshots in {@code console/target/screenshots/}.
 */
@ExtendWith(VertxExtension.class)
class WebReviewBrowserTest {

    @TempDir
    Path tmp;
    TestDb db;
    ConsoleFixture c;
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
        ChromeOptions options = new ChromeOptions();
        options.setBinary(WebBrowserTest.CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + tmp.resolve("chromium-profile"), "--window-size=1400,1600", "--lang=fr-FR");
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
        File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), WebBrowserTest.SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The page's text once it satisfies {@code expected} (10 s at most; the caller's assertion shows the rest). */
    private String bodyOnceLoaded(Predicate<String> expected) {
        String[] last = {""};
        try {
            new WebDriverWait(driver, Duration.ofSeconds(10))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> {
                        last[0] = d.findElement(By.tagName("body")).getText();
                        return expected.test(last[0]);
                    });
        } catch (org.openqa.selenium.TimeoutException e) {
            // fall through
        }
        return last[0];
    }

    private UUID device(String hostname) {
        UUID deviceId = UUID.randomUUID();
        IssuedSecret code = c.store.createEnrollmentCode(c.adminA, c.a1.id(), c.clock.instant(), Duration.ofDays(1));
        Enrolled enrolled = c.store.enroll(code.secret(), deviceId, hostname, "linux", c.clock.instant());
        UUID reportId = UUID.randomUUID();
        Report r = SampleReports.report(deviceId, reportId);
        r = new Report(r.schemaVersion(), reportId, deviceId, hostname, r.platform(), r.agentVersion(),
                r.catalogueVersion(), r.startedAt(), r.finishedAt(), r.facts(), r.findings(), r.lan());
        assertEquals(201, c.upload(deviceId + "." + enrolled.secret(), ConsoleFixture.json(r), false).statusCode());
        return deviceId;
    }

    @Test
    void dismissAFindingOverrideAMeasureAndReadTheAudit() throws Exception {
        UUID accueil = device("poste-accueil");
        device("poste-compta");
        DiagnosticStore diagnostics = new JdbcDiagnosticStore(((JdbcStore) c.store).database());
        io.vigie.checks.referential.Referential ref = io.vigie.checks.referential.Referential.builtin();
        UUID diag = diagnostics.createDiagnostic(c.adminA, c.a1.id(), ref.id(), ref.version(), 2, 0, c.clock.instant()).id();
        IssuedSecret link = diagnostics.createOwnerLink(c.adminA, diag, c.clock.instant());
        diagnostics.saveOwnerAnswers(link.secret(), Map.of("5.1", "d"), c.clock.instant());

        open("/login");
        driver.findElement(By.id("email")).sendKeys("admin@alpha.example");
        driver.findElement(By.id("password")).sendKeys(ConsoleFixture.PASSWORD);
        driver.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        bodyOnceLoaded(t -> t.contains("Tableau de bord"));

        open("/diagnostics/" + diag);
        driver.findElement(By.id("review-link")).click();
        String review = bodyOnceLoaded(t -> t.contains("Revue de l'expert"));
        assertTrue(review.contains("Résultats automatiques des appareils"), review);
        WebElement conflict = driver.findElement(By.id("conflict-q-5-1"));
        assertTrue(conflict.getText().contains("le dirigeant se dit mieux protégé que ce que montrent les preuves"));
        shot("20-review");

        // dismiss poste-accueil's FAIL with a reason
        WebElement row = driver.findElement(By.id("f-" + accueil + "-VIG-UPD-001"));
        row.findElement(By.name("reason")).sendKeys("mises à jour installées hier, rapport d'avant");
        row.findElement(By.cssSelector("button[value=DISMISSED]")).click();
        bodyOnceLoaded(t -> t.contains("écarté (faux positif)"));
        WebElement after = driver.findElement(By.id("f-" + accueil + "-VIG-UPD-001"));
        assertTrue(after.getText().contains("écarté (faux positif)"), after.getText());
        assertTrue(driver.findElement(By.id("q-5-1")).getText().contains("1 appareil(s) conforme(s) sur 2 (50 %)"),
                driver.findElement(By.id("q-5-1")).getText());

        // override the measured answer of 5.1: first without a reason (refused), then with one
        WebElement q = driver.findElement(By.id("q-5-1"));
        q.findElement(By.tagName("summary")).click();
        new Select(driver.findElement(By.id("so-a-q-5-1"))).selectByValue("c");
        driver.findElement(By.cssSelector("#signoff-q-5-1 button[type=submit]")).click();
        String refused = bodyOnceLoaded(t -> t.contains("écrivez pourquoi"));
        assertTrue(refused.contains("pour retenir une autre réponse, écrivez pourquoi"), refused);
        shot("21-override-refused");
        driver.findElement(By.linkText("Revenir à la revue")).click();
        bodyOnceLoaded(t -> t.contains("Revue de l'expert"));
        driver.findElement(By.id("q-5-1")).findElement(By.tagName("summary")).click();
        new Select(driver.findElement(By.id("so-a-q-5-1"))).selectByValue("c");
        driver.findElement(By.id("so-r-q-5-1")).sendKeys("mises à jour faites chaque semaine par l'infogérant");
        driver.findElement(By.cssSelector("#signoff-q-5-1 button[type=submit]")).click();
        bodyOnceLoaded(t -> t.contains("Mesure remplacée"));
        assertTrue(driver.findElement(By.id("q-5-1")).getText().contains("Mesure remplacée : mises à jour faites chaque semaine"),
                driver.findElement(By.id("q-5-1")).getText());
        shot("22-review-signed-off");

        // the audit on the diagnostic page
        open("/diagnostics/" + diag);
        String audit = driver.findElement(By.id("audit")).getText();
        assertTrue(audit.contains("validation de l'expert"), audit);
        assertTrue(audit.contains("mises à jour faites chaque semaine par l'infogérant"), audit);
        assertTrue(audit.contains("décision sur un résultat automatique"), audit);
        assertTrue(audit.contains("poste-accueil — mises à jour installées hier"), audit);
        assertTrue(audit.contains("admin@alpha.example"), audit);
        shot("23-diagnostic-audit");
    }
}
