package io.vigie.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.json.Json;
import io.vigie.checks.report.Report;
import io.vigie.checks.testing.ReportSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line, run in-process on replayed machines and on this machine. */
class CliTest {

    record Run(int code, String out, String err) {
    }

    static Run vigie(Path home, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnv env = new CliEnv(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of("VIGIE_STATE_DIR", home.resolve("state").toString()), home, Clock.systemUTC(), false);
        int code = Main.execute(env, args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Path machine(String name) {
        try {
            return Path.of(CliTest.class.getResource("/machines/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("recorded machine missing: " + name, e);
        }
    }

    @Test
    void replayedWindowsMachineGetsAFrenchSummaryGroupedBySeverity(@TempDir Path home) {
        Run r = vigie(home, "check", "--replay", machine("windows-10-22h2-eol-pc").toString());
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.out().contains("Vigie — contrôle de sécurité"), r.out());
        assertTrue(r.out().contains("Constat :"), r.out());
        assertTrue(r.out().contains("À faire :"), r.out());
        assertTrue(r.out().indexOf("■ CRITIQUE") < r.out().indexOf("■ ÉLEVÉ") || !r.out().contains("■ ÉLEVÉ"),
                "critical problems come first:\n" + r.out());
        assertFalse(r.out().contains("\033["), "no colour codes when not on a terminal");
    }

    @Test
    void englishOnRequest(@TempDir Path home) {
        Run r = vigie(home, "check", "--lang", "en", "--replay", machine("windows-10-22h2-eol-pc").toString());
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.out().contains("security check of"), r.out());
        assertTrue(r.out().contains("What to do:"), r.out());
        assertFalse(r.out().contains("À faire"), r.out());
    }

    @Test
    void jsonReportValidatesAndReadsBack(@TempDir Path home) throws Exception {
        Run r = vigie(home, "check", "--json", "--replay", machine("macos-15-laptop").toString());
        assertEquals(ExitCode.OK, r.code(), r.err());
        ReportSchema.assertValid(r.out());
        Report report = Json.mapper().readValue(r.out(), Report.class);
        assertEquals(Report.SCHEMA_VERSION, report.schemaVersion());
        assertEquals("macos", report.platform());
        for (FactKey<?> k : FactKeys.all()) {
            assertNotNull(report.facts().get(k.name()), "fact " + k.name());
        }
        assertFalse(report.findings().isEmpty());
        assertFalse(report.lan().performed(), "LAN discovery never runs by default");
    }

    @Test
    void outWritesTheReportAndStillPrintsTheSummary(@TempDir Path home) throws Exception {
        Path file = home.resolve("out/rapport.json");
        Run r = vigie(home, "check", "--out", file.toString(), "--replay", machine("windows-server-2019-fileserver").toString());
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertTrue(r.out().contains("Rapport écrit dans"), r.out());
        // a report file for the console to import: the report inside an envelope (never enrolled: checksum only)
        io.vigie.checks.report.ReportFile.Envelope envelope = io.vigie.checks.report.ReportFile.parse(Files.readAllBytes(file));
        assertFalse(envelope.signed());
        assertTrue(io.vigie.checks.report.ReportFile.checksumMatches(envelope));
        ReportSchema.assertValid(envelope.report());
        try (var s = Files.list(file.getParent())) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }

    @Test
    void failOnSetsTheExitCode(@TempDir Path home) {
        String eolPc = machine("windows-10-22h2-eol-pc").toString();
        assertEquals(ExitCode.FINDINGS, vigie(home, "check", "--fail-on", "critical", "--replay", eolPc).code());
        assertEquals(ExitCode.USAGE, vigie(home, "check", "--fail-on", "terrible", "--replay", eolPc).code());
    }

    @Test
    void badInputGetsAClearMessageAndUsageExit(@TempDir Path home) throws Exception {
        Run lang = vigie(home, "check", "--lang", "de", "--replay", machine("macos-15-laptop").toString());
        assertEquals(ExitCode.USAGE, lang.code());
        assertTrue(lang.err().contains("Langue inconnue"), lang.err());

        Path cfg = home.resolve("vigie.conf");
        Files.writeString(cfg, "backup.folder = /srv\n");
        Run config = vigie(home, "check", "--config", cfg.toString(), "--replay", machine("macos-15-laptop").toString());
        assertEquals(ExitCode.USAGE, config.code());
        assertTrue(config.err().contains("backup.folder"), config.err());

        Run replay = vigie(home, "check", "--replay", home.resolve("nowhere").toString());
        assertEquals(ExitCode.USAGE, replay.code());
        assertTrue(replay.err().contains("Dossier d'enregistrement illisible"), replay.err());

        Run option = vigie(home, "check", "--jsn");
        assertEquals(ExitCode.USAGE, option.code());
    }

    @Test
    void unwritableOutIsAFailureNotACrash(@TempDir Path home) throws Exception {
        Path blocker = home.resolve("file");
        Files.writeString(blocker, "x");
        Run r = vigie(home, "check", "--out", blocker.resolve("sub/r.json").toString(), "--replay",
                machine("macos-15-laptop").toString());
        assertEquals(ExitCode.FAILURE, r.code());
        assertTrue(r.err().contains("Impossible d'écrire le rapport"), r.err());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void liveCheckOfThisMachineHasEveryFactAndKeepsTheDeviceId(@TempDir Path home) throws Exception {
        Run first = vigie(home, "check", "--json");
        assertEquals(ExitCode.OK, first.code(), first.err());
        ReportSchema.assertValid(first.out());
        JsonNode report = Json.mapper().readTree(first.out());
        Set<String> statuses = Set.of("OK", "UNKNOWN", "ERROR", "NOT_APPLICABLE");
        for (FactKey<?> k : FactKeys.all()) {
            JsonNode f = report.path("facts").path(k.name());
            assertTrue(statuses.contains(f.path("status").asText()), k.name() + ": " + f);
            assertFalse(f.path("reason").path("code").asText().isEmpty(), k.name() + " has a reason");
        }
        Run second = vigie(home, "check", "--json");
        JsonNode again = Json.mapper().readTree(second.out());
        assertEquals(report.get("deviceId"), again.get("deviceId"), "device id kept in the state folder");
        assertFalse(report.get("reportId").equals(again.get("reportId")), "a new report id per run");
        assertEquals(report.get("deviceId").asText(),
                Files.readString(home.resolve("state").resolve("device-id")).strip());
    }

    @Test
    void recordThenReplayGivesTheSameFacts(@TempDir Path home) throws Exception {
        Path dir = home.resolve("rec");
        Run rec = vigie(home, "record", dir.toString());
        assertEquals(ExitCode.OK, rec.code(), rec.err());
        assertTrue(Files.exists(dir.resolve("machine.json")));
        assertTrue(rec.out().contains("Masqué") && rec.out().contains("Gardé tel quel"),
                "the record command says what it masked and what it kept: " + rec.out());
        Run again = vigie(home, "record", dir.toString());
        assertEquals(ExitCode.USAGE, again.code(), "never overwrites a recording");

        Run replay = vigie(home, "check", "--json", "--replay", dir.toString());
        assertEquals(ExitCode.OK, replay.code(), replay.err());
        JsonNode facts = Json.mapper().readTree(replay.out()).path("facts");
        for (FactKey<?> k : FactKeys.all()) {
            assertTrue(facts.has(k.name()), k.name());
        }
        assertEquals("linux", Json.mapper().readTree(replay.out()).path("platform").asText());
    }

    @Test
    void discoveryIsOptInAndRefusesForeignNetworksBeforeSendingAnything(@TempDir Path home) {
        Run refused = vigie(home, "check", "--discover", "--subnet", "203.0.113.0/24", "--replay",
                machine("macos-15-laptop").toString());
        assertEquals(ExitCode.USAGE, refused.code(), "a replayed machine has no network to sweep");
        Run help = vigie(home, "discover", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--subnet"), help.out());
        Run publicRange = vigie(home, "discover", "--subnet", "203.0.113.0/24");
        assertEquals(2, publicRange.code(), publicRange.err());
        assertTrue(publicRange.err().contains("203.0.113.0/24"), publicRange.err());
    }

    @Test
    void vigieAloneListsItsCommands(@TempDir Path home) {
        Run r = vigie(home);
        assertEquals(ExitCode.USAGE, r.code());
        for (String command : List.of("check", "record", "send", "service", "enroll", "discover")) {
            assertTrue(r.err().contains("\n  " + command + " "), command + " listed in:\n" + r.err());
        }
    }

    @Test
    void everyCommandAnswersHelpAsTheSummarySuggests(@TempDir Path home) {
        Run summary = vigie(home, "check", "--lang", "en", "--replay", machine("macos-15-laptop").toString());
        String last = summary.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.endsWith("vigie check --help"), last);
        for (String command : List.of("check", "record", "send", "service", "enroll", "discover")) {
            for (String flag : List.of("--help", "-h")) {
                Run help = vigie(home, command, flag);
                assertEquals(0, help.code(), command + " " + flag + ": " + help.err());
                assertTrue(help.out().contains("Usage: vigie " + command), help.out());
            }
        }
    }
}
