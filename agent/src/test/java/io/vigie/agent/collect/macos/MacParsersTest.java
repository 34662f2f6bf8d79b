package io.vigie.agent.collect.macos;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.agent.exec.CommandResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Edge cases of the pure parsers that the fixture cases do not isolate. */
class MacParsersTest {

    static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
            + "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n<plist version=\"1.0\">\n";

    @Test
    void plistTypesBecomeJson() {
        JsonNode n = Plist.parseXml(HEAD + "<dict><key>d</key><date>2026-11-19T09:15:32Z</date>"
                + "<key>b</key><data>\n\tAAEC\n\tAw==\n</data><key>i</key><integer>-2</integer><key>r</key><real>1.5</real>"
                + "<key>t</key><true/><key>a</key><array><string>x &amp; y</string><dict/></array></dict></plist>");
        assertEquals("2026-11-19T09:15:32Z", n.get("d").textValue());
        assertEquals("AAECAw==", n.get("b").textValue());
        assertEquals(-2, n.get("i").intValue());
        assertEquals(1.5, n.get("r").doubleValue());
        assertTrue(n.get("t").booleanValue());
        assertEquals("x & y", n.get("a").get(0).textValue());
        assertEquals(Instant.parse("2026-11-19T09:15:32Z"), Plist.instant(n.get("d")).orElseThrow());
    }

    @Test
    void plistParsingRefusesWhatIsNotAPlistAndExpandsNoEntity() {
        assertThrows(IllegalArgumentException.class, () -> Plist.parseXml(""));
        assertThrows(IllegalArgumentException.class, () -> Plist.parseXml("<html/>"));
        assertThrows(IllegalArgumentException.class, () -> Plist.parseXml(HEAD + "<dict><key>a</key></dict></plist>"));
        String withEntity = "<?xml version=\"1.0\"?><!DOCTYPE plist [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<plist><string>&x;</string></plist>";
        try {
            assertTrue(!Plist.parseXml(withEntity).textValue().contains("root:"), "external entity expanded");
        } catch (IllegalArgumentException refused) {
            // refusing the document is as good as not expanding it
        }
    }

    @Test
    void plistReadClassifiesFoundationErrors() {
        CommandResult missing = new CommandResult(List.of("plutil"), 1, "", "x: file does not exist or is not readable or is "
                + "not a regular file (Error Domain=NSCocoaErrorDomain Code=260 …)", false, false, Duration.ZERO);
        CommandResult denied = new CommandResult(List.of("plutil"), 1, "", "x: file does not exist or is not readable or is "
                + "not a regular file (Error Domain=NSCocoaErrorDomain Code=257 …)", false, false, Duration.ZERO);
        assertEquals(Plist.State.ABSENT, Plist.classify("x", missing).state());
        assertEquals(Plist.State.DENIED, Plist.classify("x", denied).state());
        assertTrue(Plist.classify("x", denied).reason().detail().contains("Full Disk Access"));
    }

    @Test
    void softwareUpdateDetailLineKeepsCommasInsideTitles() {
        Map<String, String> kv = SoftwareUpdateList.keyValues(
                "Title: Pro Video Formats, Workflow Extensions, Version: 2.3, Size: 12KiB, Recommended: YES, ");
        assertEquals("Pro Video Formats, Workflow Extensions", kv.get("Title"));
        assertEquals("2.3", kv.get("Version"));
        assertEquals("YES", kv.get("Recommended"));
    }

    @Test
    void aMajorUpgradeIsNotASecurityUpdateButAPointReleaseIs() {
        SoftwareUpdateList.Item upgrade = new SoftwareUpdateList.Item("macOS Tahoe 26.1-25B78", "macOS Tahoe 26.1", "26.1", true, "restart");
        SoftwareUpdateList.Item point = new SoftwareUpdateList.Item("macOS Sequoia 15.7.3-24G400", "macOS Sequoia 15.7.3", "15.7.3", true, "restart");
        assertEquals(false, SoftwareUpdateList.isSecurity(upgrade, 15));
        assertEquals(true, SoftwareUpdateList.isSecurity(point, 15));
        assertEquals(true, SoftwareUpdateList.isSecurity(upgrade, null), "without the installed version every macOS item counts");
    }

    @Test
    void timeMachineHelpers() {
        assertEquals("smb://nas.local/TM", TimeMachine.stripUser("smb://alice@nas.local/TM"));
        assertEquals("afp://nas.local/TM", TimeMachine.stripUser("afp://nas.local/TM"));
        assertEquals(Instant.parse("2026-11-15T20:45:30Z"), TimeMachine.parseLatest(
                "/Volumes/Backups.backupdb/Mac/2026-11-15-214530\n", ZoneId.of("Europe/Paris")));
        assertNull(TimeMachine.parseLatest("No machine directory found for host.", ZoneId.of("UTC")));
    }

    @Test
    void dsclRecordsWithWrappedValues() {
        Map<String, List<String>> r = MacAccounts.parseRecord("RealName:\n Claire Martin\nGroupMembership: root claire\n"
                + "No such key: NestedGroups\n");
        assertEquals(List.of("Claire Martin"), r.get("RealName"));
        assertEquals(List.of("root", "claire"), r.get("GroupMembership"));
        assertTrue(!r.containsKey("NestedGroups"));
    }

    @Test
    void launchdOverridesInBothSpellings() {
        Map<String, Boolean> m = RemoteAccess.parseOverrides("disabled services = {\n\t\"com.openssh.sshd\" => enabled\n"
                + "\t\"com.apple.smbd\" => true\n\t\"com.apple.screensharing\" => false\n}\n");
        assertEquals(Boolean.FALSE, m.get("com.openssh.sshd"));
        assertEquals(Boolean.TRUE, m.get("com.apple.smbd"));
        assertEquals(Boolean.FALSE, m.get("com.apple.screensharing"));
    }
}
