package io.vigie.agent.cli;

import io.vigie.agent.link.Spool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code vigie service}: the foreground loop, its interval, and a graceful stop (in-process and on SIGTERM). */
class ServiceCommandTest {

    @Test
    void loopsAtTheIntervalSpoolsEachReportAndStopsCleanly(@TempDir Path home) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnv env = new CliEnv(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), home, Clock.systemUTC(), false);
        ServiceCommand svc = new ServiceCommand(env);
        Path state = home.resolve("state");
        AtomicInteger exit = new AtomicInteger(-1);
        Thread t = new Thread(() -> exit.set(new CommandLine(svc).execute("--interval", "200ms", "--replay",
                CliTest.machine("macos-15-laptop").toString(), "--state-dir", state.toString())));
        t.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (svc.rounds() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        svc.stop();
        t.join(30_000);
        assertEquals(ExitCode.OK, exit.get(), err.toString(StandardCharsets.UTF_8));
        int rounds = svc.rounds();
        assertTrue(rounds >= 2, "rounds: " + rounds);
        // never enrolled: every round's report waits in the spool (exit code 4 of each round)
        assertEquals(rounds, new Spool(state, Spool.Limits.DEFAULTS, w -> { }).entries().size());
        String log = err.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("(code 4)"), log);
        assertTrue(log.contains("Service Vigie arrêté."), log);
    }

    @Test
    void intervals() {
        assertEquals(Duration.ofHours(6), ServiceCommand.parseDuration("6h"));
        assertEquals(Duration.ofMinutes(30), ServiceCommand.parseDuration("30m"));
        assertEquals(Duration.ofHours(6), ServiceCommand.parseDuration("PT6H"));
        assertThrows(IllegalArgumentException.class, () -> ServiceCommand.parseDuration("six hours"));
        assertThrows(IllegalArgumentException.class, () -> ServiceCommand.parseDuration("0s"));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS) // SIGTERM
    void sigtermLetsTheRoundFinishThenStops(@TempDir Path home) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "service", "--interval", "1h", "--replay",
                CliTest.machine("macos-15-laptop").toString(), "--state-dir", home.resolve("state").toString());
        pb.environment().put("HOME", home.toString());
        // to a file: Process.destroy() closes the parent's end of the pipes, which would lose the last lines
        Path log = home.resolve("service.log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!Files.readString(log).contains("Prochaine vers") && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(Files.readString(log).contains("Prochaine vers"), Files.readString(log));
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(Files.readString(log).contains("Service Vigie arrêté."), "exit " + p.exitValue() + ": " + Files.readString(log));
        assertEquals(1, new Spool(home.resolve("state"), Spool.Limits.DEFAULTS, w -> { }).entries().size());
    }
}
