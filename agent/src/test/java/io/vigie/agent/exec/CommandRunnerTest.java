package io.vigie.agent.exec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@EnabledOnOs({OS.LINUX, OS.MAC})
class CommandRunnerTest {

    private final CommandRunner runner = CommandRunner.SYSTEM;

    @Test
    void timeoutKillsTheWholeProcessTree() throws Exception {
        // the shell starts a background sleep and a foreground sleep; both must die with it
        String marker = "vigie-tree-" + ProcessHandle.current().pid();
        CommandResult r = runner.run(List.of("sh", "-c", "sleep 30 & sleep 30; echo " + marker), null, Duration.ofMillis(500));
        assertTrue(r.timedOut());
        assertEquals(-1, r.exitCode());
        assertFalse(r.ok());
        Thread.sleep(200);
        List<String> survivors = new ArrayList<>();
        ProcessHandle.current().descendants().forEach(h -> survivors.add(h.pid() + " " + h.info().commandLine().orElse("")));
        assertTrue(survivors.stream().noneMatch(s -> s.contains("sleep 30")), "survivors: " + survivors);
        // and no orphan re-parented to init either
        List<String> orphans = new ArrayList<>();
        ProcessHandle.allProcesses().filter(h -> h.info().commandLine().orElse("").equals("sleep 30")
                        && h.info().startInstant().map(t -> t.isAfter(java.time.Instant.now().minusSeconds(5))).orElse(false))
                .forEach(h -> orphans.add(Long.toString(h.pid())));
        assertTrue(orphans.isEmpty(), "orphan sleeps: " + orphans);
    }

    @Test
    void runsInTheCLocale() {
        CommandResult r = runner.run(List.of("sh", "-c", "echo \"$LC_ALL|$LANG|${LANGUAGE:-unset}\""), null, Duration.ofSeconds(5));
        assertTrue(r.ok(), r.describe());
        assertEquals("C|C|unset", r.stdout().strip());
    }

    @Test
    void keepsStdoutStderrAndExitCode() {
        CommandResult r = runner.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), null, Duration.ofSeconds(5));
        assertEquals("out", r.stdout().strip());
        assertEquals("err", r.stderr().strip());
        assertEquals(3, r.exitCode());
        assertFalse(r.timedOut());
        assertFalse(r.notFound());
        assertFalse(r.ok());
        assertTrue(r.describe().contains("exit 3"));
    }

    @Test
    void missingProgramIsNotFound() {
        CommandResult r = runner.run(List.of("vigie-no-such-program-xyz", "--version"), null, Duration.ofSeconds(5));
        assertTrue(r.notFound());
        assertFalse(r.ok());
        CommandResult abs = runner.run(List.of("/nonexistent/bin/tool"), null, Duration.ofSeconds(5));
        assertTrue(abs.notFound());
    }

    @Test
    void deliversStdin() {
        CommandResult r = runner.run(List.of("sh", "-c", "tr a-z A-Z"), "bonjour vigie\n", Duration.ofSeconds(5));
        assertTrue(r.ok(), r.describe());
        assertEquals("BONJOUR VIGIE", r.stdout().strip());
    }

    @Test
    void largeOutputOnBothStreamsDoesNotBlock() throws Exception {
        Path script = Files.createTempFile("vigie-big", ".sh");
        try {
            Files.writeString(script, "i=0; while [ $i -lt 20000 ]; do echo line$i; echo err$i >&2; i=$((i+1)); done\n");
            CommandResult r = runner.run(List.of("sh", script.toString()), null, Duration.ofSeconds(20));
            assertTrue(r.ok(), r.describe());
            assertEquals(20000, r.stdout().lines().count());
            assertEquals(20000, r.stderr().lines().count());
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
