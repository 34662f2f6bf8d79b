package io.vigie.agent.packaging;

import io.vigie.checks.testing.RequiredService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scheduler files of packaging/: systemd units (checked by systemd-analyze when present), Windows task, launchd job. */
class PackagingTest {

    static final Path PACKAGING = Path.of("..", "packaging").toAbsolutePath().normalize();
    static final String EXEC = "/opt/vigie/bin/vigie";

    static String read(String rel) throws Exception {
        return Files.readString(PACKAGING.resolve(rel), StandardCharsets.UTF_8);
    }

    @Test
    void theServiceIsHardenedAndWritesOnlyItsStateFolder() throws Exception {
        String service = read("systemd/vigie.service");
        for (String line : List.of("Type=oneshot", "NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=read-only",
                "PrivateTmp=yes", "ReadWritePaths=/var/lib/vigie", "ExecStart=" + EXEC + " check --send --state-dir /var/lib/vigie")) {
            assertTrue(service.lines().anyMatch(l -> l.equals(line)), "missing: " + line);
        }
        assertEquals(1, service.lines().filter(l -> l.startsWith("ReadWritePaths=")).count());
        assertFalse(service.lines().filter(l -> !l.startsWith("#")).anyMatch(l -> l.contains("CAP_NET_RAW") || l.contains("AF_PACKET")),
                "no raw sockets unless discovery is configured");
        String discovery = read("systemd/vigie-discovery.conf");
        assertTrue(discovery.lines().anyMatch(l -> l.equals("CapabilityBoundingSet=CAP_NET_RAW")));
        assertTrue(discovery.contains("--discover"));
        String timer = read("systemd/vigie.timer");
        assertTrue(timer.lines().anyMatch(l -> l.equals("OnCalendar=*-*-* 00/6:00:00")), "every 6 hours");
        assertTrue(timer.lines().anyMatch(l -> l.equals("Persistent=true")));
    }

    @Test
    void systemdAnalyzeVerifyAcceptsTheUnits(@TempDir Path dir) throws Exception {
        Path analyze = RequiredService.programs("systemd", "systemd-analyze");
        // the same units, with the agent's path pointing at a stand-in program (verify checks it is executable)
        Path fake = dir.resolve("vigie");
        Files.writeString(fake, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(dir.resolve("vigie.service.d"));
        Files.writeString(dir.resolve("vigie.service"), read("systemd/vigie.service").replace(EXEC, fake.toString()));
        Files.writeString(dir.resolve("vigie.timer"), read("systemd/vigie.timer"));
        Files.writeString(dir.resolve("vigie.service.d/discovery.conf"),
                read("systemd/vigie-discovery.conf").replace(EXEC, fake.toString()));
        ProcessBuilder pb = new ProcessBuilder(analyze.toString(), "verify", "--man=no",
                dir.resolve("vigie.service").toString(), dir.resolve("vigie.timer").toString()).redirectErrorStream(true);
        pb.environment().put("SYSTEMD_UNIT_PATH", dir + ":"); // also loads the discovery drop-in
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String> ours = new ArrayList<>();
        out.lines().filter(l -> l.contains(dir.toString()) || l.contains("vigie")).forEach(ours::add);
        assertEquals(List.of(), ours, "warnings about our units (unknown keys are only warnings)");
    }

    static Document xml(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false); // no network
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        DocumentBuilder b = f.newDocumentBuilder();
        return b.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String text(Document d, String tag) {
        NodeList n = d.getElementsByTagNameNS("*", tag);
        assertEquals(1, n.getLength(), tag);
        return n.item(0).getTextContent().trim();
    }

    @Test
    void theWindowsTaskRunsAsSystemEverySixHours() throws Exception {
        Document task = xml(read("windows/vigie-task.xml"));
        assertEquals("S-1-5-18", text(task, "UserId"), "SYSTEM, by SID");
        assertEquals("PT6H", text(task, "Interval"));
        assertEquals("true", text(task, "StartWhenAvailable"));
        assertTrue(text(task, "Command").endsWith("vigie.cmd"));
        assertEquals("check --send", text(task, "Arguments"));
        String ps = read("windows/install-task.ps1");
        assertTrue(ps.contains("Register-ScheduledTask -TaskName $TaskName -Xml $xml"));
        assertTrue(ps.contains("Unregister-ScheduledTask"));
    }

    @Test
    void theLaunchdJobRunsEverySixHours() throws Exception {
        Document plist = xml(read("macos/io.vigie.agent.plist"));
        NodeList keys = plist.getElementsByTagName("key");
        String interval = null;
        List<String> args = new ArrayList<>();
        for (int i = 0; i < keys.getLength(); i++) {
            Element k = (Element) keys.item(i);
            org.w3c.dom.Node v = k.getNextSibling();
            while (v != null && v.getNodeType() != org.w3c.dom.Node.ELEMENT_NODE) {
                v = v.getNextSibling();
            }
            if (k.getTextContent().equals("StartInterval")) {
                interval = v.getTextContent();
            }
            if (k.getTextContent().equals("ProgramArguments")) {
                NodeList s = ((Element) v).getElementsByTagName("string");
                for (int j = 0; j < s.getLength(); j++) {
                    args.add(s.item(j).getTextContent());
                }
            }
        }
        assertEquals("21600", interval);
        assertEquals(List.of(EXEC, "check", "--send", "--state-dir", "/Library/Application Support/Vigie"), args);
    }
}
