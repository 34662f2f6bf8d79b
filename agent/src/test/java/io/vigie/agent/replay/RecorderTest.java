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
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecorderTest {

    static final String PATH = "/Library/Apple/System/Library/CoreServices/XProtect.bundle/Contents/Info.plist";
    static final Instant MTIME = Instant.parse("2026-11-20T04:12:00Z");

    /** A live file system holding one readable file, one unreadable file and one folder. */
    static final HostFiles LIVE = new HostFiles() {
        @Override
        public FileContent read(String path) {
            switch (path) {
                case PATH:
                    return FileContent.ok(path, "<plist/>");
                case "/etc/sudoers":
                    return FileContent.denied(path, "Permission denied");
                default:
                    return FileContent.absent(path);
            }
        }

        @Override
        public List<String> list(String dir) {
            return dir.equals("/etc/ssh/sshd_config.d") ? List.of("100-macos.conf") : List.of();
        }

        @Override
        public Optional<Instant> modified(String path) {
            return path.equals(PATH) || path.equals("/etc/sudoers") ? Optional.of(MTIME) : Optional.empty();
        }

        @Override
        public boolean exists(String path) {
            return path.equals(PATH) || path.equals("/etc/sudoers") || isDirectory(path);
        }

        @Override
        public boolean isDirectory(String path) {
            return path.equals("/etc/ssh/sshd_config.d");
        }
    };

    private static List<RawAnswer> fileAnswers(Recording r, String path) {
        return r.answers().stream().filter(a -> RawAnswer.FILE.equals(a.kind()) && path.equals(a.path())).toList();
    }

    @Test
    void aStatThenAReadOfTheSameFileMergeIntoOneAnswer() {
        Recorder rec = new Recorder();
        HostFiles f = rec.files(LIVE);
        f.modified(PATH);
        f.read(PATH);
        Recording r = rec.recording(Map.of());
        assertEquals(1, fileAnswers(r, PATH).size());
        HostFiles replay = Replay.files(r);
        assertEquals("<plist/>", replay.read(PATH).text());
        assertEquals(Optional.of(MTIME), replay.modified(PATH));
    }

    @Test
    void aReadThenAStatOrAnExistsKeepTheText() {
        Recorder rec = new Recorder();
        HostFiles f = rec.files(LIVE);
        f.read(PATH);
        f.modified(PATH);
        f.exists(PATH);
        Recording r = rec.recording(Map.of());
        assertEquals(1, fileAnswers(r, PATH).size());
        assertEquals("<plist/>", Replay.files(r).read(PATH).text());
        assertEquals(Optional.of(MTIME), Replay.files(r).modified(PATH));
    }

    @Test
    void aDeniedReadStaysDeniedWhenTheStatSucceeds() {
        Recorder rec = new Recorder();
        HostFiles f = rec.files(LIVE);
        f.read("/etc/sudoers");
        f.modified("/etc/sudoers");
        Recording r = rec.recording(Map.of());
        FileContent c = Replay.files(r).read("/etc/sudoers");
        assertEquals(FileContent.State.DENIED, c.state());
        assertEquals("Permission denied", c.detail());
        assertEquals(Optional.of(MTIME), Replay.files(r).modified("/etc/sudoers"));
    }

    @Test
    void aFolderThatIsNotThereReplaysAsAbsentNotAsAnEmptyFolder() {
        Recorder rec = new Recorder();
        HostFiles f = rec.files(LIVE);
        assertEquals(List.of(), f.list("/etc/snmp/snmpd.conf.d"));
        assertFalse(f.isDirectory("/etc/lightdm"));
        Recording r = rec.recording(Map.of());
        HostFiles replay = Replay.files(r);
        assertFalse(replay.exists("/etc/snmp/snmpd.conf.d"));
        assertFalse(replay.isDirectory("/etc/snmp/snmpd.conf.d"));
        assertEquals(List.of(), replay.list("/etc/snmp/snmpd.conf.d"));
        assertEquals(FileContent.State.ABSENT, replay.read("/etc/snmp/snmpd.conf.d").state());
        assertEquals(FileContent.State.ABSENT, replay.read("/etc/lightdm").state(),
                "the live machine said nothing is there: replay says so, not 'not recorded'");
    }

    @Test
    void foldersAreRecordedOnceAndReplayAsFolders() {
        Recorder rec = new Recorder();
        HostFiles f = rec.files(LIVE);
        f.list("/etc/ssh/sshd_config.d");
        f.isDirectory("/etc/ssh/sshd_config.d");
        f.exists("/etc/ssh/sshd_config.d");
        Recording r = rec.recording(Map.of());
        assertEquals(1, r.answers().stream().filter(a -> RawAnswer.DIR.equals(a.kind())).count());
        assertTrue(Replay.files(r).isDirectory("/etc/ssh/sshd_config.d"));
        assertEquals(List.of("100-macos.conf"), Replay.files(r).list("/etc/ssh/sshd_config.d"));
    }

    @Test
    void commandsAndSocketsReplayAsRecorded(@TempDir Path dir) throws Exception {
        CommandRunner live = (argv, stdin, timeout) -> new CommandResult(argv, 1, "out:" + stdin, "err", false, false,
                Duration.ofMillis(5));
        SocketTable failing = () -> {
            throw new IllegalStateException("proc_listpids failed");
        };
        Recorder rec = new Recorder();
        rec.commands(live).run(List.of("pwsh", "-Command", "-"), "# vigie-probe: x\nscript", Duration.ofSeconds(1));
        assertThrows(IllegalStateException.class, () -> rec.sockets(failing).listening());
        rec.recording(Map.of("platform", "test")).save(dir);
        Recording r = Recording.load(dir);
        CommandResult c = Replay.commands(r).run(List.of("pwsh", "-Command", "-"), "# vigie-probe: x\nother", Duration.ofSeconds(1));
        assertEquals(1, c.exitCode());
        assertEquals("out:# vigie-probe: x\nscript", c.stdout());
        assertEquals("err", c.stderr());
        Exception e = assertThrows(IllegalStateException.class, () -> Replay.sockets(r).listening());
        assertTrue(e.getMessage().contains("proc_listpids failed"));

        Recorder ok = new Recorder();
        List<RawSocket> table = List.of(new RawSocket("tcp", "0.0.0.0", 22, 1, "launchd"));
        ok.sockets(() -> table).listening();
        assertEquals(table, Replay.sockets(ok.recording(Map.of())).listening());
    }
}
