package io.vigie.agent.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateDirTest {

    @Test
    void deviceIdIsCreatedOnceThenKept(@TempDir Path tmp) throws Exception {
        StateDir s = new StateDir(tmp.resolve("state"));
        UUID first = s.deviceId();
        UUID second = new StateDir(tmp.resolve("state")).deviceId();
        assertEquals(first, second);
        Path file = tmp.resolve("state").resolve(StateDir.DEVICE_ID_FILE);
        assertEquals(first.toString(), Files.readString(file).strip());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void damagedIdIsReplacedAndKeptAside(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve(StateDir.DEVICE_ID_FILE), "not-a-uuid");
        UUID id = new StateDir(tmp).deviceId();
        assertTrue(Files.exists(tmp.resolve(StateDir.DEVICE_ID_FILE + ".bad")));
        assertNotEquals("not-a-uuid", id.toString());
        assertEquals(id, new StateDir(tmp).deviceId());
    }

    @Test
    void locationFollowsConventions() {
        Path home = Path.of("/home/alice");
        assertEquals(Path.of("/var/lib/vigie"), StateDir.locate(Map.of(), "Linux", true, home).dir());
        assertEquals(home.resolve(".local/state/vigie"), StateDir.locate(Map.of(), "Linux", false, home).dir());
        assertEquals(Path.of("/x/state/vigie"),
                StateDir.locate(Map.of("XDG_STATE_HOME", "/x/state"), "Linux", false, home).dir());
        assertEquals(Path.of("/Library/Application Support/Vigie"), StateDir.locate(Map.of(), "Mac OS X", true, home).dir());
        assertEquals(Path.of("D:\\Data", "Vigie"),
                StateDir.locate(Map.of("ProgramData", "D:\\Data"), "Windows 11", true, home).dir());
        assertEquals(Path.of("/opt/v"), StateDir.locate(Map.of("VIGIE_STATE_DIR", "/opt/v"), "Linux", true, home).dir());
    }
}
