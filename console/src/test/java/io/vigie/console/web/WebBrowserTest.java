package io.vigie.console.web;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vigie.agent.link.EnrollCommand;
import io.vigie.agent.link.Enrollment;
import io.vigie.agent.link.ReportSender;
import io.vigie.checks.report.Report;
import io.vigie.console.SampleReports;
import io.vigie.console.TestDatabases;
import io.vigie.console.TestDatabases.Backend;
import io.vigie.console.TestDatabases.TestDb;
import io.vigie.console.api.ConsoleFixture;
import io.vigie.console.store.IssuedSecret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import picocli.CommandLine;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pages in headless Chromium (Debian's chromium + chromedriver; Selenium never downloads anything: both paths
 * are given). Skipped with a message when they are absent, except under {@code CI=true}. Screenshots of each page
 * go to {@code console/target/screenshots/}.
 */
@ExtendWith(VertxExtension.class)
class WebBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    Path tmp;
    TestDb db;
    ConsoleFixture c;
    WebDriver driver;
    ChromeDriverService service;

    @BeforeEach
    void start(Vertx vertx) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String msg = "browser tests skipped: install Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("CI=true: " + msg);
            }
            System.err.println("[vigie] " + msg);
            Assumptions.abort(msg);
        }
        // never let Selenium Manager look for (or download) a driver or a browser
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        db = TestDatabases.create(Backend.SQLITE, tmp);
        c = new ConsoleFixture(vertx, db.url(), tmp);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + tmp.resolve("chromium-profile"), "--window-size=1280,1400", "--lang=fr-FR");
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
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

    private String h1() {
        // ignore a page that is being replaced while it is read
        return new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .until(d -> d.findElement(By.tagName("h1")).getText());
    }

    private String body() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /**
     * The page's text once it satisfies {@code expected}, waiting up to 10 s: after a click or a submit the
     * browser may still be on the old page (or between pages) when the test reads it.
     */
    private String bodyOnceLoaded(java.util.function.Predicate<String> expected) {
        String[] last = {""};
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(10))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> {
                        last[0] = d.findElement(By.tagName("body")).getText();
                        return expected.test(last[0]);
                    });
        } catch (org.openqa.selenium.TimeoutException e) {
            // fall through: the caller's assertion shows what the page said
        }
        return last[0];
    }

    private void shot(String name) throws IOException {
        Files.createDirectories(SHOTS);
        File f = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private void login() {
        open("/login");
        driver.findElement(By.id("email")).sendKeys("admin@alpha.example");
        driver.findElement(By.id("password")).sendKeys(ConsoleFixture.PASSWORD);
        driver.findElement(By.cssSelector("form.stack button[type=submit]")).click();
    }

    /** The real agent's enroll command, in-process, with its own state folder; then its report sender. */
    private UUID enrollAndSend(String consoleUrl, String code) throws Exception {
        Path state = tmp.resolve("agent-state-" + UUID.randomUUID());
        UUID deviceId = UUID.randomUUID();
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new EnrollCommand(() -> state, () -> deviceId));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        assertEquals(0, cl.execute("--console", consoleUrl, "--code", code), out.toString());
        assertTrue(Files.exists(state.resolve(Enrollment.FILE)));
        Report report = SampleReports.report(deviceId, UUID.randomUUID());
        ReportSender.send(state, report);
        return deviceId;
    }

    @Test
    void loginEnrollTheAgentAndReadItsFindingsInFrenchThenEnglish() throws Exception {
        open("/login");
        assertEquals("fr", driver.findElement(By.tagName("html")).getAttribute("lang"));
        shot("01-login");
        login();
        assertEquals("Tableau de bord", h1());
        assertTrue(body().contains("Boulangerie Martin"));
        shot("02-dashboard");

        driver.findElement(By.linkText("Boulangerie Martin")).click();
        assertEquals("Boulangerie Martin", h1());
        driver.findElement(By.id("create-code")).click();
        String code = driver.findElement(By.id("enrollment-code")).getText();
        String command = driver.findElement(By.id("enroll-command")).getText();
        assertEquals("vigie enroll --console " + c.server.localUrl() + " --code " + code, command);
        assertEquals("vigie check --send", driver.findElement(By.id("send-command")).getText());
        shot("03-enrollment-code");

        String url = command.split(" ")[3];
        enrollAndSend(url, code);

        open("/organisations/" + c.a1.id());
        assertTrue(body().contains("srv-compta"));
        shot("04-organisation");
        driver.findElement(By.linkText("srv-compta")).click();
        assertEquals("srv-compta", h1());
        String page = body();
        assertTrue(page.contains("Mises à jour de sécurité en attente"), page);
        assertTrue(page.contains("Constaté : 3 mises à jour de sécurité attendent d'être installées."), page);
        assertTrue(page.contains("Que faire :"));
        assertTrue(page.contains("Réseau local (192.168.1.0/24)"));
        shot("05-device");

        driver.findElement(By.linkText("English")).click();
        assertEquals("en", driver.findElement(By.tagName("html")).getAttribute("lang"));
        String en = body();
        assertTrue(en.contains("Findings of the latest report"), en);
        assertTrue(en.contains("Observed:"), en);
        assertTrue(en.contains("What to do:"), en);
        assertTrue(!en.contains("Constaté"), "no French left on the English page");
        shot("06-device-en");
        open("/dashboard");
        assertEquals("Dashboard", h1());
        open("/account/tokens");
        shot("07-tokens-en");
        open("/admin?lang=fr");
        shot("08-admin");
    }

    /** The real agent's {@code vigie check --out FILE}, in-process, never enrolled: a checksum-only report file. */
    private Path agentReportFile() {
        Path file = tmp.resolve("rapport-poste-isole.json");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.util.Map<String, String> env = new java.util.HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        io.vigie.agent.cli.CliEnv cli = new io.vigie.agent.cli.CliEnv(
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8),
                env, tmp.resolve("home"), java.time.Clock.systemUTC(), false);
        int code = io.vigie.agent.cli.Main.execute(cli, "check", "--out", file.toString(), "--state-dir",
                tmp.resolve("isolated-state").toString());
        assertEquals(0, code, err.toString(java.nio.charset.StandardCharsets.UTF_8));
        return file;
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX) // live checks of this machine
    void importAReportFileWrittenByTheAgentOnAMachineWithoutNetwork() throws Exception {
        Path file = agentReportFile();
        io.vigie.checks.report.ReportFile.Envelope envelope = io.vigie.checks.report.ReportFile.parse(Files.readAllBytes(file));
        Assertions.assertFalse(envelope.signed(), "never enrolled: a checksum only");
        String hostname = io.vigie.checks.json.Json.mapper().readValue(envelope.report(), Report.class).hostname();

        login();
        open("/organisations/" + c.a2.id());
        WebElement input = driver.findElement(By.id("report-file"));
        WebElement label = driver.findElement(By.cssSelector("label[for=report-file]"));
        assertEquals("Fichier de rapport Vigie", label.getText());
        input.sendKeys(file.toAbsolutePath().toString());
        shot("11-import-form");
        driver.findElement(By.id("import-submit")).click();
        waitForUrl("?imported=");

        assertTrue(driver.getCurrentUrl().contains("/organisations/" + c.a2.id() + "?imported="), driver.getCurrentUrl());
        String result = driver.findElement(By.id("import-result")).getText();
        assertTrue(result.contains("Rapport importé pour le poste « " + hostname + " »"), result);
        assertTrue(result.contains("non authentifié"), result);
        WebElement row = driver.findElement(By.linkText(hostname)).findElement(By.xpath("./ancestor::tr"));
        assertTrue(row.getText().contains("non authentifié"), row.getText());
        shot("12-imported");
        assertEquals(1L, c.counts().get("reports"));

        driver.findElement(By.linkText(hostname)).click();
        assertEquals(hostname, h1());
        assertTrue(body().contains("non authentifié"), body());
        shot("13-imported-device");

        // the same file with one byte changed: refused in words, nothing stored
        byte[] bytes = Files.readAllBytes(file);
        String damaged = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).replaceFirst("\\\\\"hostname\\\\\" ?: ?\\\\\"",
                "\\\\\"hostname\\\\\":\\\\\"X");
        Assertions.assertNotEquals(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), damaged, "really damaged");
        Path bad = tmp.resolve("rapport-abime.json");
        Files.writeString(bad, damaged);
        open("/organisations/" + c.a2.id());
        driver.findElement(By.id("report-file")).sendKeys(bad.toAbsolutePath().toString());
        driver.findElement(By.id("import-submit")).click();
        waitForUrl("?importError=");
        String refused = driver.findElement(By.id("import-result")).getText();
        assertTrue(refused.contains("la somme de contrôle ne correspond pas"), refused);
        assertEquals(1L, c.counts().get("reports"));
        shot("14-import-refused");
    }

    /** Waits (10 s at most) for the browser to reach a URL containing {@code part}: a posted form redirects. */
    private void waitForUrl(String part) {
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(10))
                    .until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains(part));
        } catch (org.openqa.selenium.TimeoutException e) {
            // the caller's assertion shows where the browser is
        }
    }

    /** Tab until the focused element matches (at most 40 presses); fails otherwise. */
    private WebElement tabTo(Predicate<WebElement> wanted, String what) {
        for (int i = 0; i < 40; i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
            WebElement active = driver.switchTo().activeElement();
            if (wanted.test(active)) {
                return active;
            }
        }
        throw new AssertionError("Tab never reached " + what);
    }

    @Test
    void theMainPagesWorkWithTheKeyboardOnly() throws Exception {
        IssuedSecret code = c.store.createEnrollmentCode(c.adminA, c.a1.id(), c.clock.instant(), Duration.ofDays(1));
        enrollAndSend(c.server.localUrl(), code.secret());

        open("/login");
        new Actions(driver).sendKeys(Keys.TAB).perform();
        WebElement first = driver.switchTo().activeElement();
        assertEquals("Aller au contenu", first.getText(), "the skip link comes first");
        WebElement email = tabTo(e -> "email".equals(e.getAttribute("id")), "the email field");
        email.sendKeys("admin@alpha.example");
        new Actions(driver).sendKeys(Keys.TAB).sendKeys(ConsoleFixture.PASSWORD).sendKeys(Keys.ENTER).perform();
        assertEquals("Tableau de bord", h1());

        tabTo(e -> "Boulangerie Martin".equals(e.getText()), "the organisation link").sendKeys(Keys.ENTER);
        assertEquals("Boulangerie Martin", h1());
        tabTo(e -> "srv-compta".equals(e.getText()), "the device link").sendKeys(Keys.ENTER);
        assertEquals("srv-compta", h1());
        // focus is visible: the focused link gets an outline
        WebElement focused = tabTo(e -> "a".equals(e.getTagName()), "a link");
        String outline = focused.getCssValue("outline-style");
        assertEquals("solid", outline);
        shot("09-keyboard-focus");
    }

    @Test
    void forgedFormPostsAreRefused() throws Exception {
        login();
        assertEquals("Tableau de bord", h1());
        // 1. a page of another site posting to the console: the Strict cookie is not sent, nothing is created
        Path evil = tmp.resolve("evil.html");
        Files.writeString(evil, "<!DOCTYPE html><html><body><form method=post action=\"" + c.server.localUrl()
                + "/organisations\"><input name=name value=Piratee><button id=go>go</button></form></body></html>");
        driver.get(evil.toUri().toString());
        driver.findElement(By.id("go")).click();
        String answer = bodyOnceLoaded(t -> t.contains("Reconnectez-vous") || t.contains("Ce formulaire a expiré"));
        assertTrue(answer.contains("Reconnectez-vous") || answer.contains("Ce formulaire a expiré"), answer);
        shot("10-forged-post");
        // 2. the console's own form with a tampered token: refused
        open("/dashboard");
        ((JavascriptExecutor) driver).executeScript(
                "document.querySelector('form[action=\"/organisations\"] input[name=_csrf]').value = 'forged';");
        driver.findElement(By.id("org-name")).sendKeys("Piratee aussi");
        driver.findElement(By.id("org-name")).submit();
        String refused = bodyOnceLoaded(t -> t.contains("Ce formulaire a expiré ou ne vient pas de la console."));
        assertTrue(refused.contains("Ce formulaire a expiré ou ne vient pas de la console."), refused);
        assertTrue(c.store.organisations(c.adminA).stream().noneMatch(o -> o.name().startsWith("Piratee")));
        // 3. the untouched form works
        open("/dashboard");
        driver.findElement(By.id("org-name")).sendKeys("Atelier Legrand");
        driver.findElement(By.id("org-name")).submit();
        bodyOnceLoaded(t -> t.contains("Atelier Legrand"));
        assertEquals("Atelier Legrand", h1());
    }
}
