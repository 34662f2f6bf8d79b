package io.vigie.console.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vigie.agent.cli.CliEnv;
import io.vigie.agent.cli.Main;
import io.vigie.checks.json.Json;
import io.vigie.console.Browser;
import io.vigie.console.TestDatabases;
import io.vigie.console.TestDatabases.Backend;
import io.vigie.console.TestDatabases.TestDb;
import io.vigie.console.api.ConsoleFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole diagnostic, end to end: two replayed machines (a French Windows 11 laptop without backup and a Windows
 * Server 2019 file server) enroll and report through the real agent; the expert opens a diagnostic and sends the
 * owner's link; the owner answers in a browser; the expert reviews the evidence, resolves the owner's optimistic
 * answer on backups, answers expert-only questions, signs off and signs; the diagnostic shows the grades, level,
 * urgences and audit trail; the report comes out as HTML and PDF; later reports from the laptop, now backed up,
 * flip the backup measure to « vérifié ».
 *
 * <p>Expected grades are worked out by hand below from referential.json (S = 5/3 × Σ(w·v)/Σw) and the machines'
 * verdicts: laptop VIG-BAK-001 FAIL, VIG-OS-001 FAIL, VIG-ACC-001 FAIL, VIG-NET-001 FAIL; server VIG-ENC-001 FAIL,
 * VIG-ACC-004 FAIL, VIG-RMT-002 FAIL; both PASS on updates, antivirus and firewall.
 */
@ExtendWith(VertxExtension.class)
@EnabledOnOs(OS.LINUX)
class DiagnosticEndToEndTest {

    static final Path MACHINES = Path.of("..", "agent", "src", "test", "resources", "machines");
    static final Path LAPTOP = MACHINES.resolve("windows-11-pro-fr-laptop");
    static final Path SERVER = MACHINES.resolve("windows-server-2019-fileserver");
    /** When both machines were recorded (their machine.json « now »). */
    static final Instant RECORDED = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    Run vigie(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        CliEnv cli = new CliEnv(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, tmp.resolve("home"), Clock.systemUTC(), false);
        int code = Main.execute(cli, args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Enrolls an agent state folder into the organisation. */
    Path enroll(ConsoleFixture c, String name) {
        Path state = tmp.resolve("state-" + name);
        Run r = vigie("enroll", "--console", c.server.localUrl(), "--code", c.code(c.tokenA, c.a1), "--state-dir",
                state.toString());
        assertEquals(0, r.code(), r.err());
        return state;
    }

    /** The agent checks a replayed machine and sends the report; the console judges it at the machine's time. */
    void checkAndSend(ConsoleFixture c, Path state, Path machine, Instant at) {
        c.clock.advance(Duration.between(c.clock.instant(), at.plusSeconds(60)));
        Run r = vigie("check", "--replay", machine.toString(), "--send", "--state-dir", state.toString());
        assertTrue(r.code() == 0 || r.code() == 1, "check ran and delivered (exit " + r.code() + "): " + r.err());
        assertTrue(r.err().contains("transmis"), r.err());
    }

    /**
     * The laptop as recorded, moved to {@code now}, with File History now backing it up to the office NAS an hour
     * before (the probe's answer as the fixture file-history-nas records it).
     */
    Path laptopBackedUpAt(Instant now) throws IOException {
        Path dir = tmp.resolve("laptop-" + now.toEpochMilli());
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(LAPTOP)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        ObjectNode machine = (ObjectNode) Json.mapper().readTree(dir.resolve("machine.json").toFile());
        machine.put("now", now.toString());
        Files.writeString(dir.resolve("machine.json"), Json.mapper().writeValueAsString(machine));
        Path backup = dir.resolve("005-powershell.exe-backup.answer.json");
        ObjectNode answer = (ObjectNode) Json.mapper().readTree(backup.toFile());
        String stdout = answer.get("stdout").asText();
        String fileHistory = "\"fileHistory\":{\"Profile\":\"C:\\\\Users\\\\marie\",\"TargetUrl\":\"\\\\\\\\NAS-BUREAU\\\\historique\","
                + "\"CatalogModified\":\"" + now.minus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC).toLocalDateTime()
                + ".0000000Z\"}";
        assertTrue(stdout.contains("\"fileHistory\":[]"), stdout);
        answer.put("stdout", stdout.replace("\"fileHistory\":[]", fileHistory));
        Files.writeString(backup, Json.mapper().writeValueAsString(answer));
        return dir;
    }

    /** Clicks the radio {@code answer} of every listed question present on the page. */
    static void answer(Browser b, Map<String, String> answers) {
        answers.forEach((q, a) -> {
            By radio = By.id("q_" + q.replace('.', '_') + "-" + a);
            if (b.has(radio)) {
                b.find(radio).click();
            }
        });
    }

    /** No sideways scrolling on a phone: the page is no wider than the window. */
    static void assertFitsTheScreen(Browser b) {
        Object[] widths = ((java.util.List<?>) ((org.openqa.selenium.JavascriptExecutor) b.driver).executeScript(
                "return [document.documentElement.scrollWidth, window.innerWidth];")).toArray();
        long scroll = ((Number) widths[0]).longValue();
        long inner = ((Number) widths[1]).longValue();
        assertTrue(scroll <= inner, "page " + b.driver.getCurrentUrl() + " is " + scroll + " px wide on a " + inner + " px screen");
    }

    /** Saves the owner's page and waits for the next one. */
    static void saveStep(Browser b) {
        String before = b.driver.getCurrentUrl();
        b.find(By.id("save-step")).click();
        b.waitFor(d -> !d.getCurrentUrl().equals(before));
    }

    @Test
    void fromTwoMachinesAndTheOwnersAnswersToTheSignedDiagnosticTheReportAndAVerifiedMeasure() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (TestDb db = TestDatabases.create(Backend.SQLITE, tmp);
             ConsoleFixture c = new ConsoleFixture(vertx, db.url(), tmp);
             Browser b = Browser.start(c.server.localUrl(), tmp.resolve("chromium"))) {
            // ---- 1. two machines enroll and report
            Path laptopState = enroll(c, "laptop");
            Path serverState = enroll(c, "server");
            checkAndSend(c, laptopState, LAPTOP, RECORDED);
            checkAndSend(c, serverState, SERVER, RECORDED);
            assertEquals(2L, c.counts().get("reports"));

            // ---- 2. the expert opens a diagnostic: one workstation and one server counted on site
            b.login("admin@alpha.example", ConsoleFixture.PASSWORD);
            b.open("/organisations/" + c.a1.id());
            b.find(By.id("diag-workstations")).sendKeys("1");
            b.find(By.id("diag-servers")).sendKeys("1");
            b.find(By.id("create-diagnostic")).click();
            b.waitFor(d -> d.getCurrentUrl().contains("/diagnostics/"));
            String diagnosticPath = b.driver.getCurrentUrl().replace(c.server.localUrl(), "");
            b.find(By.id("create-owner-link")).click();
            String link = b.find(By.id("owner-link")).getText().trim();
            assertTrue(link.contains("/autodiag/"), link);

            // ---- 3. the owner answers through the link, without an account, on a phone-sized screen
            b.driver.manage().deleteAllCookies();
            b.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            b.open(link);
            Map<String, String> numbers = Map.of("C1", "3", "C2", "2", "C3", "1", "C4", "1");
            numbers.forEach((q, v) -> b.find(By.id("q_" + q)).sendKeys(v));
            Map<String, String> choices = new LinkedHashMap<>();
            for (String q : new String[] {"C5", "C6", "C8", "C9", "C10", "C11"}) {
                choices.put(q, "no");
            }
            choices.put("C7", "yes");
            answer(b, choices);
            b.shot("e2e-01-owner-context");
            saveStep(b);
            // the owner says backups are fine (9.1 c) — the evidence will disagree — and answers network and backups
            Map<String, String> owner = Map.of("7.1", "c", "7.3", "b", "9.1", "c", "9.2", "c", "9.3", "b");
            for (int page = 0; page < 20 && b.has(By.id("save-step")); page++) {
                assertFitsTheScreen(b);
                answer(b, owner);
                if (b.has(By.id("q_9_1-c"))) {
                    b.shot("e2e-02-owner-backups");
                }
                saveStep(b);
            }
            // score déclaratif, by hand: D questions only, unanswered count 0; T08 not applicable (C5 = no), so 14
            // themes. T07: 5/3 × (2×3 + 2×1)/4 = 3.33; T09: 5/3 × (3×3 + 3×3 + 3×1.5)/9 = 4.17; others 0.
            // G = (3.33 + 4.17)/14 = 0.54 → « 0,5 », faible.
            String summary = b.bodyOnceLoaded(t -> t.contains("0,5"));
            b.shot("e2e-03-owner-summary");
            assertTrue(summary.contains("0,5"), summary);
            assertTrue(summary.toLowerCase().contains("faible"), summary);
            assertFitsTheScreen(b);
            b.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1400));

            // ---- 4. the expert reviews (TODO after merge)
        } finally {
            vertx.close().await();
        }
    }
}
