package io.vigie.console.web;

import io.vigie.agent.link.EnrollCommand;
import io.vigie.agent.link.Enrollment;
import io.vigie.agent.link.ReportSender;
import io.vigie.checks.report.Report;
import io.vigie.console.AgentCli;
import io.vigie.console.Browser;
import io.vigie.console.SampleReports;
import io.vigie.console.api.ConsoleFixture;
import io.vigie.console.store.IssuedSecret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pages in headless Chromium through {@link Browser} (Debian's chromium + chromedriver; Selenium never downloads
 * anything: both paths are given). Skipped with a message when they are absent, except under {@code CI=true}.
 * Screenshots of each page go to {@code console/target/screenshots/}.
 */
class WebBrowserTest extends ConsoleWebTest {

    Browser b;

    @BeforeEach
    void start() {
        b = Browser.start(c.server.localUrl(), tmp.resolve("chromium-profile"));
    }

    @AfterEach
    void stop() {
        if (b != null) {
            b.close();
        }
    }

    private String h1() {
        return b.text(By.tagName("h1"));
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
        b.open("/login");
        assertEquals("fr", b.find(By.tagName("html")).getAttribute("lang"));
        b.shot("01-login");
        b.login("admin@alpha.example", ConsoleFixture.PASSWORD);
        assertEquals("Tableau de bord", h1());
        assertTrue(b.body().contains("Boulangerie Martin"));
        b.shot("02-dashboard");

        b.find(By.linkText("Boulangerie Martin")).click();
        assertEquals("Boulangerie Martin", h1());
        b.find(By.id("create-code")).click();
        String code = b.text(By.id("enrollment-code")); // the page with the new code may still be loading
        String command = b.find(By.id("enroll-command")).getText();
        assertEquals("vigie enroll --console " + c.server.localUrl() + " --code " + code, command);
        assertEquals("vigie check --send", b.find(By.id("send-command")).getText());
        b.shot("03-enrollment-code");

        String url = command.split(" ")[3];
        enrollAndSend(url, code);

        b.open("/organisations/" + c.a1.id());
        assertTrue(b.body().contains("srv-compta"));
        b.shot("04-organisation");
        b.find(By.linkText("srv-compta")).click();
        assertEquals("srv-compta", h1());
        String page = b.body();
        assertTrue(page.contains("Mises à jour de sécurité en attente"), page);
        assertTrue(page.contains("Constaté : 3 mises à jour de sécurité attendent d'être installées."), page);
        assertTrue(page.contains("Que faire :"));
        assertTrue(page.contains("Réseau local (192.168.1.0/24)"));
        b.shot("05-device");

        b.find(By.linkText("English")).click();
        assertEquals("en", b.find(By.tagName("html")).getAttribute("lang"));
        String en = b.body();
        assertTrue(en.contains("Findings of the latest report"), en);
        assertTrue(en.contains("Observed:"), en);
        assertTrue(en.contains("What to do:"), en);
        assertTrue(!en.contains("Constaté"), "no French left on the English page");
        b.shot("06-device-en");
        b.open("/dashboard");
        assertEquals("Dashboard", h1());
        b.open("/account/tokens");
        b.shot("07-tokens-en");
        b.open("/admin?lang=fr");
        b.shot("08-admin");
    }

    /** The real agent's {@code vigie check --out FILE}, in-process, never enrolled: a checksum-only report file. */
    private Path agentReportFile() {
        Path file = tmp.resolve("rapport-poste-isole.json");
        AgentCli.Run run = AgentCli.run(tmp.resolve("home"), "check", "--out", file.toString(), "--state-dir",
                tmp.resolve("isolated-state").toString());
        assertEquals(0, run.code(), run.err());
        return file;
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX) // live checks of this machine
    void importAReportFileWrittenByTheAgentOnAMachineWithoutNetwork() throws Exception {
        Path file = agentReportFile();
        io.vigie.checks.report.ReportFile.Envelope envelope = io.vigie.checks.report.ReportFile.parse(Files.readAllBytes(file));
        Assertions.assertFalse(envelope.signed(), "never enrolled: a checksum only");
        String hostname = io.vigie.checks.json.Json.mapper().readValue(envelope.report(), Report.class).hostname();

        b.login("admin@alpha.example", ConsoleFixture.PASSWORD);
        b.open("/organisations/" + c.a2.id());
        WebElement input = b.find(By.id("report-file"));
        WebElement label = b.find(By.cssSelector("label[for=report-file]"));
        assertEquals("Fichier de rapport Vigie", label.getText());
        input.sendKeys(file.toAbsolutePath().toString());
        b.shot("11-import-form");
        b.find(By.id("import-submit")).click();
        b.urlOnceReached("?imported=");

        assertTrue(b.driver.getCurrentUrl().contains("/organisations/" + c.a2.id() + "?imported="), b.driver.getCurrentUrl());
        String result = b.find(By.id("import-result")).getText();
        assertTrue(result.contains("Rapport importé pour le poste « " + hostname + " »"), result);
        assertTrue(result.contains("non authentifié"), result);
        WebElement row = b.find(By.linkText(hostname)).findElement(By.xpath("./ancestor::tr"));
        assertTrue(row.getText().contains("non authentifié"), row.getText());
        b.shot("12-imported");
        assertEquals(1L, c.counts().get("reports"));

        b.find(By.linkText(hostname)).click();
        assertEquals(hostname, h1());
        assertTrue(b.body().contains("non authentifié"), b.body());
        b.shot("13-imported-device");

        // the same file with one byte changed: refused in words, nothing stored
        byte[] bytes = Files.readAllBytes(file);
        String damaged = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).replaceFirst("\\\\\"hostname\\\\\" ?: ?\\\\\"",
                "\\\\\"hostname\\\\\":\\\\\"X");
        Assertions.assertNotEquals(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), damaged, "really damaged");
        Path bad = tmp.resolve("rapport-abime.json");
        Files.writeString(bad, damaged);
        b.open("/organisations/" + c.a2.id());
        b.find(By.id("report-file")).sendKeys(bad.toAbsolutePath().toString());
        b.find(By.id("import-submit")).click();
        b.urlOnceReached("?importError=");
        String refused = b.find(By.id("import-result")).getText();
        assertTrue(refused.contains("la somme de contrôle ne correspond pas"), refused);
        assertEquals(1L, c.counts().get("reports"));
        b.shot("14-import-refused");
    }

    /** Tab until the focused element matches (at most 40 presses); fails otherwise. */
    private WebElement tabTo(Predicate<WebElement> wanted, String what) {
        for (int i = 0; i < 40; i++) {
            new Actions(b.driver).sendKeys(Keys.TAB).perform();
            WebElement active = b.driver.switchTo().activeElement();
            if (wanted.test(active)) {
                return active;
            }
        }
        throw new AssertionError("Tab never reached " + what);
    }

    @Test
    void theMainPagesWorkWithTheKeyboardOnly() throws Exception {
        IssuedSecret code = c.store.tenants().createEnrollmentCode(c.adminA, c.a1.id(), c.clock.instant(), Duration.ofDays(1));
        enrollAndSend(c.server.localUrl(), code.secret());

        b.open("/login");
        new Actions(b.driver).sendKeys(Keys.TAB).perform();
        WebElement first = b.driver.switchTo().activeElement();
        assertEquals("Aller au contenu", first.getText(), "the skip link comes first");
        WebElement email = tabTo(e -> "email".equals(e.getAttribute("id")), "the email field");
        email.sendKeys("admin@alpha.example");
        new Actions(b.driver).sendKeys(Keys.TAB).sendKeys(ConsoleFixture.PASSWORD).sendKeys(Keys.ENTER).perform();
        assertEquals("Tableau de bord", h1());

        tabTo(e -> "Boulangerie Martin".equals(e.getText()), "the organisation link").sendKeys(Keys.ENTER);
        assertEquals("Boulangerie Martin", h1());
        tabTo(e -> "srv-compta".equals(e.getText()), "the device link").sendKeys(Keys.ENTER);
        assertEquals("srv-compta", h1());
        // focus is visible: the focused link gets an outline
        WebElement focused = tabTo(e -> "a".equals(e.getTagName()), "a link");
        String outline = focused.getCssValue("outline-style");
        assertEquals("solid", outline);
        b.shot("09-keyboard-focus");
    }

    @Test
    void forgedFormPostsAreRefused() throws Exception {
        b.login("admin@alpha.example", ConsoleFixture.PASSWORD);
        assertEquals("Tableau de bord", h1());
        // 1. a page of another site posting to the console: the Strict cookie is not sent, nothing is created
        Path evil = tmp.resolve("evil.html");
        Files.writeString(evil, "<!DOCTYPE html><html><body><form method=post action=\"" + c.server.localUrl()
                + "/organisations\"><input name=name value=Piratee><button id=go>go</button></form></body></html>");
        b.driver.get(evil.toUri().toString());
        b.find(By.id("go")).click();
        String answer = b.bodyOnceLoaded(t -> t.contains("Reconnectez-vous") || t.contains("Ce formulaire a expiré"));
        assertTrue(answer.contains("Reconnectez-vous") || answer.contains("Ce formulaire a expiré"), answer);
        b.shot("10-forged-post");
        // 2. the console's own form with a tampered token: refused
        b.open("/dashboard");
        ((JavascriptExecutor) b.driver).executeScript(
                "document.querySelector('form[action=\"/organisations\"] input[name=_csrf]').value = 'forged';");
        b.find(By.id("org-name")).sendKeys("Piratee aussi");
        b.find(By.id("org-name")).submit();
        String refused = b.bodyOnceLoaded(t -> t.contains("Ce formulaire a expiré ou ne vient pas de la console."));
        assertTrue(refused.contains("Ce formulaire a expiré ou ne vient pas de la console."), refused);
        assertTrue(c.store.tenants().organisations(c.adminA).stream().noneMatch(o -> o.name().startsWith("Piratee")));
        // 3. the untouched form works
        b.open("/dashboard");
        b.find(By.id("org-name")).sendKeys("Atelier Legrand");
        b.find(By.id("org-name")).submit();
        b.bodyOnceLoaded(t -> t.contains("Atelier Legrand"));
        assertEquals("Atelier Legrand", h1());
    }
}
