package io.vigie.agent.replay;

import io.vigie.agent.exec.CommandResult;
import io.vigie.agent.exec.CommandRunner;
import io.vigie.agent.host.FileContent;
import io.vigie.agent.host.HostFiles;
import io.vigie.agent.host.RawSocket;
import io.vigie.agent.host.SocketTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingTest {

    private static RawAnswer command(List<String> argv, String stdin, int exit, String out, String err) {
        return Recording.ofCommand(new CommandResult(argv, exit, out, err, false, false, Duration.ZERO), stdin);
    }

    @Test
    void saveThenLoadGivesBackEveryAnswer(@TempDir Path dir) throws Exception {
        List<RawAnswer> answers = List.of(
                command(List.of("powershell.exe", "-NoProfile", "-Command", "-"), "# vigie-probe: defender\nGet-X", 3,
                        "{\"a\":1}", "warning: é"),
                Recording.ofCommand(new CommandResult(List.of("softwareupdate", "--list"), -1, "", "Finding", true, false,
                        Duration.ofSeconds(60)), null),
                Recording.ofCommand(CommandResult.notFound(List.of("/usr/sbin/sshd", "-T")), null),
                Recording.ofFile(FileContent.ok("/etc/ssh/sshd_config", "PasswordAuthentication no\n"),
                        Instant.parse("2026-11-01T10:00:00Z")),
                Recording.ofFile(FileContent.denied("/etc/sudoers", "Permission denied"), null),
                Recording.ofFile(FileContent.absent("/etc/nsmb.conf"), null),
                Recording.ofDir("/etc/ssh/sshd_config.d", List.of("100-macos.conf")),
                Recording.ofSockets(List.of(new RawSocket("tcp", "::", 22, 1, "launchd"),
                        new RawSocket("udp", "0.0.0.0", 5353, null, null)), null));
        Recording original = new Recording(Map.of("platform", "macos", "now", "2026-11-22T10:00:00Z"), answers);
        original.save(dir);
        Recording loaded = Recording.load(dir);
        assertEquals(original.machine(), loaded.machine());
        assertEquals(original.answers(), loaded.answers());
    }

    @Test
    void loadKeepsTheRecordedOrderPastNineHundredNinetyNineAnswers(@TempDir Path dir) throws Exception {
        List<RawAnswer> answers = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            if (i == 101) {
                answers.add(command(List.of("sw_vers", "-productVersion"), null, 0, "first", ""));
            } else if (i == 1000) {
                answers.add(command(List.of("sw_vers", "-productVersion"), null, 0, "second", ""));
            } else {
                answers.add(command(List.of("probe", String.valueOf(i)), null, 0, "", ""));
            }
        }
        new Recording(Map.of(), answers).save(dir);
        Recording loaded = Recording.load(dir);
        assertEquals(answers, loaded.answers());
        assertEquals("first", Replay.commands(loaded).run("sw_vers", "-productVersion").stdout());
    }

    @Test
    void stdinMatchesExactlyOrByItsFirstLine() {
        List<String> argv = List.of("powershell.exe", "-NoProfile", "-NonInteractive", "-Command", "-");
        Recording r = new Recording(Map.of(), List.of(
                command(argv, "# vigie-probe: defender\n$old = 'script v1'", 0, "defender", ""),
                command(List.of("sw_vers", "-productVersion"), null, 0, "15.1\n", "")));
        CommandRunner run = Replay.commands(r);
        assertEquals("defender", run.run(argv, "# vigie-probe: defender\n$new = 'script v2'\n", Duration.ofSeconds(1)).stdout());
        assertEquals("defender", run.run(argv, "  # vigie-probe: defender  \r\nx", Duration.ofSeconds(1)).stdout());
        CommandResult other = run.run(argv, "# vigie-probe: firewall\n$x", Duration.ofSeconds(1));
        assertFalse(other.ok());
        assertFalse(other.notFound(), "another probe was not recorded: it did not run, the program exists");
        assertEquals(Replay.NOT_RECORDED, other.stderr());
        CommandResult none = run.run(argv, null, Duration.ofSeconds(1));
        assertFalse(none.ok(), "a recorded stdin needs a stdin");
        assertEquals(Replay.NOT_RECORDED, none.stderr());
        assertEquals("15.1\n", run.run(List.of("sw_vers", "-productVersion"), "anything", Duration.ofSeconds(1)).stdout(),
                "an answer recorded without stdin serves any stdin");
    }

    @Test
    void whatWasNotRecordedIsNeverMadeUp() {
        Recording empty = new Recording(Map.of(), List.of());
        CommandResult c = Replay.commands(empty).run("fdesetup", "status");
        assertFalse(c.notFound(), "not recorded is not 'not installed'");
        assertFalse(c.ok());
        assertFalse(c.timedOut());
        assertEquals(-1, c.exitCode());
        assertEquals(Replay.NOT_RECORDED, c.stderr());
        assertTrue(c.describe().contains(Replay.NOT_RECORDED));
        HostFiles f = Replay.files(empty);
        FileContent sudoers = f.read("/etc/sudoers");
        assertEquals(FileContent.State.ERROR, sudoers.state(), "not recorded is not absent");
        assertEquals(Replay.NOT_RECORDED, sudoers.detail());
        assertEquals(List.of(), f.list("/etc/ssh/sshd_config.d"));
        assertTrue(f.modified("/etc/sudoers").isEmpty());
        assertFalse(f.exists("/Applications/TeamViewer.app"));
        assertFalse(f.isDirectory("/Applications"));
        SocketTable s = Replay.sockets(empty);
        assertThrows(IllegalStateException.class, s::listening, "no recorded table is not an empty table");
    }

    @Test
    void aRecordedListingIsTheTruthForItsEntries() {
        Recording r = new Recording(Map.of(), List.of(
                Recording.ofDir("/etc/ssh/sshd_config.d", List.of("100-macos.conf")),
                Recording.ofFile(FileContent.ok("/etc/ssh/sshd_config.d/100-macos.conf", "UsePAM yes\n"), null)));
        HostFiles f = Replay.files(r);
        assertEquals(FileContent.State.ABSENT, f.read("/etc/ssh/sshd_config.d/200-extra.conf").state(),
                "a name missing from a recorded listing is absent");
        assertFalse(f.exists("/etc/ssh/sshd_config.d/200-extra.conf"));
        assertTrue(f.exists("/etc/ssh/sshd_config.d/100-macos.conf"));
        assertEquals("UsePAM yes\n", f.read("/etc/ssh/sshd_config.d/100-macos.conf").text());
        assertEquals(FileContent.State.ERROR, f.read("/etc/ssh/sshd_config").state(),
                "outside a recorded listing, a file not recorded stays unknown");
    }

    @Test
    void deniedAndErroredStayDistinctFromAbsent() throws Exception {
        Recording r = new Recording(Map.of(), List.of(
                Recording.ofFile(FileContent.denied("/etc/sudoers", "Permission denied"), null),
                Recording.ofFile(FileContent.error("/var/log/x", "I/O error"), null),
                Recording.ofSockets(null, "java.lang.IllegalStateException: proc_listpids failed")));
        HostFiles f = Replay.files(r);
        FileContent sudoers = f.read("/etc/sudoers");
        assertEquals(FileContent.State.DENIED, sudoers.state());
        assertEquals("Permission denied", sudoers.detail());
        assertTrue(f.exists("/etc/sudoers"));
        assertEquals(FileContent.State.ERROR, f.read("/var/log/x").state());
        Exception e = assertThrows(IllegalStateException.class, () -> Replay.sockets(r).listening());
        assertTrue(e.getMessage().contains("proc_listpids failed"));
    }
}
