package io.vigie.checks.rule.lan;

import io.vigie.checks.json.Json;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.LanDevice;
import io.vigie.checks.report.LanDiscovery;
import io.vigie.checks.report.LanService;
import io.vigie.checks.report.Severity;
import io.vigie.checks.report.Verdict;
import io.vigie.checks.rule.RuleMetadata;
import io.vigie.checks.text.Lang;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The LAN rules (VIG-LAN-001…010) on devices of a report's {@code lan} section: pure, no network. */
class LanFindingsTest {

    private static LanDevice dev(String mac, String vendor, String cls, List<LanService> services, Map<String, String> snmp) {
        return new LanDevice("192.168.1.20", mac, vendor, cls, services, snmp);
    }

    private static LanService tcp(int port, String service) {
        return new LanService("tcp", port, service, null);
    }

    @Test
    void lanFindingsJudgeServicesSnmpAndUnknownDevices() {
        LanFindings f = LanFindings.defaults();
        List<Finding> rdpSmb = f.judge(dev("00:11:32:01:02:03", "Synology Incorporated", "nas",
                List.of(tcp(139, "netbios-ssn"), tcp(445, "smb"), tcp(3389, "rdp"), tcp(22, "ssh")), Map.of()));
        assertEquals(List.of("VIG-LAN-001", "VIG-LAN-002"), rdpSmb.stream().map(Finding::ruleId).toList());
        assertEquals(Severity.CRITICAL, rdpSmb.get(0).severity());
        assertEquals("T08", rdpSmb.get(0).theme());
        assertEquals(List.of(139, 445), rdpSmb.get(1).evidence().get("ports"));
        assertEquals(List.of("lan"), rdpSmb.get(1).facts());
        assertEquals("L'appareil 192.168.1.20 accepte les connexions de partage de fichiers (ports 139, 445).",
                f.failText(rdpSmb.get(1), Lang.FR));

        List<Finding> snmp = f.judge(dev(null, null, "printer", List.of(tcp(9100, "jetdirect")),
                Map.of("version", "2c", "community", "public", "sysDescr", "HP LaserJet")));
        assertEquals(List.of("VIG-LAN-004"), snmp.stream().map(Finding::ruleId).toList());
        assertEquals(Severity.HIGH, snmp.get(0).severity());
        assertEquals("snmp_default_community", snmp.get(0).reason());
        assertTrue(f.failText(snmp.get(0), Lang.EN).contains("HP LaserJet"));
        // v3 answers are not the default community
        assertEquals(List.of(), f.judge(dev(null, null, "nas", List.of(), Map.of("version", "3", "sysDescr", "x"))));

        List<Finding> unknown = f.judge(dev("da:11:22:33:44:55", null, "unknown", List.of(), Map.of()));
        assertEquals(List.of("VIG-LAN-005"), unknown.stream().map(Finding::ruleId).toList());
        assertEquals(true, unknown.get(0).evidence().get("randomMac"));
        assertEquals(List.of(), f.judge(dev("00:11:32:01:02:03", "Synology Incorporated", "unknown", List.of(), Map.of())));

        List<Finding> misc = f.judge(dev(null, "Acme", "server", List.of(tcp(21, "ftp"), tcp(23, "telnet"), tcp(5901, "vnc"),
                tcp(5432, "postgresql"), tcp(7070, "anydesk"), tcp(5985, "winrm"), new LanService("udp", 3389, "rdp", null)), Map.of()));
        assertEquals(List.of("VIG-LAN-003", "VIG-LAN-006", "VIG-LAN-007", "VIG-LAN-008", "VIG-LAN-009", "VIG-LAN-010"),
                misc.stream().map(Finding::ruleId).toList());
    }

    @Test
    void lanRulesDataIsComplete() {
        LanFindings f = LanFindings.defaults();
        List<String> ids = f.rules().stream().map(RuleMetadata::id).toList();
        assertEquals(ids.stream().distinct().count(), ids.size());
        for (RuleMetadata r : f.rules()) {
            assertTrue(r.id().matches("VIG-LAN-\\d{3}"), r.id());
            assertTrue(r.theme().matches("T(0[1-9]|1[0-5])"), r.id());
            assertNotNull(r.severity(), r.id());
            for (Lang l : Lang.values()) {
                var t = r.text().get(l.code());
                assertNotNull(t, r.id() + " " + l);
                for (String s : List.of(t.title(), t.why(), t.fix(), t.fail(), t.pass())) {
                    assertTrue(s != null && !s.isBlank(), r.id() + " " + l);
                }
                assertTrue(t.fail().contains("{address}"), r.id());
            }
        }
        assertEquals(Severity.CRITICAL, f.rule("VIG-LAN-003").severity());
    }

    @Test
    void everyRuleIdAndItsSeverityThemeAndReasonAreUnchanged() {
        Map<String, String> want = new LinkedHashMap<>();
        want.put("VIG-LAN-001", "critical T08 rdp_reachable openPort [3389]");
        want.put("VIG-LAN-002", "critical T07 smb_reachable openPort [445, 139]");
        want.put("VIG-LAN-003", "critical T08 telnet_reachable openPort [23]");
        want.put("VIG-LAN-004", "high T04 snmp_default_community snmpDefaultCommunity null");
        want.put("VIG-LAN-005", "info T02 device_unidentified unidentified null");
        want.put("VIG-LAN-006", "high T08 vnc_reachable openPort [5800, 5900, 5901, 5902, 5903, 5904, 5905, 5906, 5907, 5908, 5909, 5910]");
        want.put("VIG-LAN-007", "medium T07 ftp_reachable openPort [21]");
        want.put("VIG-LAN-008", "high T07 database_reachable openPort [1433, 3306, 5432, 27017, 6379]");
        want.put("VIG-LAN-009", "medium T08 remote_tool_reachable openPort [5938, 7070, 5650, 21115, 21116, 21117, 21118, 21119]");
        want.put("VIG-LAN-010", "medium T08 winrm_reachable openPort [5985, 5986]");
        Map<String, String> got = new LinkedHashMap<>();
        for (RuleMetadata r : LanFindings.defaults().rules()) {
            got.put(r.id(), r.severity().json() + " " + r.theme() + " " + r.params().get("reason") + " "
                    + r.params().get("kind") + " " + r.params().get("ports"));
            assertEquals(List.of(LanFindings.FACT), r.facts(), r.id());
        }
        assertEquals(want, got);
        assertEquals("1", LanFindings.defaults().version());
        assertEquals("public", LanFindings.defaults().rule("VIG-LAN-004").params().get("community"));
        assertThrows(IllegalArgumentException.class, () -> LanFindings.defaults().rule("VIG-LAN-999"));
    }

    @Test
    void textsInBothLanguagesAreFilledFromTheEvidence() {
        LanFindings f = LanFindings.defaults();
        assertEquals("Bureau à distance (RDP) accessible depuis le réseau", f.text("VIG-LAN-001", Lang.FR).title());
        assertEquals("Remote Desktop (RDP) reachable from the network", f.text("VIG-LAN-001", Lang.EN).title());
        List<Finding> vnc = f.judge(dev(null, "Acme", "workstation", List.of(tcp(5901, "vnc"), tcp(5900, "vnc")), Map.of()));
        assertEquals("L'appareil 192.168.1.20 accepte les connexions VNC (ports 5900, 5901).", f.failText(vnc.get(0), Lang.FR));
        assertEquals("Device 192.168.1.20 accepts VNC connections (ports 5900, 5901).", f.failText(vnc.get(0), Lang.EN));
        List<Finding> snmp = f.judge(dev(null, null, "printer", List.of(),
                Map.of("version", "2c", "community", "public", "sysDescr", "HP LaserJet", "sysName", "printer-1")));
        assertEquals(Map.of("address", "192.168.1.20", "community", "public", "sysDescr", "HP LaserJet", "sysName", "printer-1"),
                snmp.get(0).evidence());
        assertEquals("L'appareil 192.168.1.20 répond à SNMP v2c avec la communauté « public » (HP LaserJet).",
                f.failText(snmp.get(0), Lang.FR));
        // another community (one the operator configured) is not the factory default
        assertEquals(List.of(), f.judge(dev(null, null, "printer", List.of(),
                Map.of("version", "2c", "community", "s3cret", "sysDescr", "HP LaserJet"))));
    }

    @Test
    void unidentifiedNeedsNoVendorNoClassAndNoSnmp() {
        LanFindings f = LanFindings.defaults();
        List<Finding> nullClass = f.judge(dev("00:11:32:01:02:03", "", null, null, null));
        assertEquals(List.of("VIG-LAN-005"), nullClass.stream().map(Finding::ruleId).toList());
        assertEquals(Map.of("address", "192.168.1.20", "mac", "00:11:32:01:02:03", "randomMac", false), nullClass.get(0).evidence());
        assertEquals(Map.of("address", "192.168.1.20"), f.judge(dev(null, null, null, List.of(), Map.of())).get(0).evidence());
        assertEquals(List.of(), f.judge(dev(null, null, "router", List.of(), Map.of())));
        assertEquals(List.of(), f.judge(dev(null, null, LanDevice.UNKNOWN_CLASS, List.of(), Map.of("version", "3", "sysDescr", "x"))));
    }

    @Test
    void aStoredLanSectionParsesAndIsJudgedInDeviceOrder() throws Exception {
        String json = """
                {"performed": true, "method": "arp", "subnet": "10.0.0.0/24", "startedAt": "2026-11-02T08:00:00Z",
                 "devices": [
                  {"address": "10.0.0.2", "mac": "66:bf:ff:df:82:7a", "vendor": null, "deviceClass": "unknown",
                   "services": [], "snmp": {}},
                  {"address": "10.0.0.3", "mac": "00:11:32:01:02:03", "vendor": "Synology Incorporated", "deviceClass": "nas",
                   "services": [{"protocol": "tcp", "port": 445, "service": "smb", "banner": null},
                                {"protocol": "tcp", "port": 23, "service": "telnet", "banner": null}],
                   "snmp": {}, "hostname": "nas.local"}]}
                """;
        LanDiscovery d = Json.mapper().readValue(json, LanDiscovery.class);
        List<Finding> all = LanFindings.defaults().judge(d.devices());
        assertEquals(List.of("VIG-LAN-005", "VIG-LAN-002", "VIG-LAN-003"), all.stream().map(Finding::ruleId).toList());
        assertEquals(true, all.get(0).evidence().get("randomMac"));
        assertEquals("10.0.0.3", all.get(1).evidence().get("address"));
        assertTrue(all.stream().allMatch(x -> x.verdict() == Verdict.FAIL));
        assertEquals(Severity.INFO, all.get(0).severity());
        assertThrows(NullPointerException.class, () -> LanFindings.defaults().judge((LanDevice) null));
    }

    @Test
    void anUnknownKindIsRefused() {
        RuleMetadata r = LanFindings.defaults().rule("VIG-LAN-001");
        RuleMetadata bad = new RuleMetadata("VIG-LAN-099", r.theme(), r.severity(), r.facts(),
                Map.of("kind", "udpPort", "reason", "x"), r.references(), r.text());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LanFindings("1", List.of(bad)));
        assertEquals("VIG-LAN-099: unknown kind udpPort", e.getMessage());
    }

    @Test
    void macAddressesAreNormalisedAndRandomOnesRecognised() {
        assertEquals("0011320A0B0C", MacAddresses.hex("00:11:32:0a:0b:0c"));
        assertEquals("0011320A0B0C", MacAddresses.hex("00-11-32-0A-0B-0C"));
        assertEquals("0011320A0B0C", MacAddresses.hex("0011.320a.0b0c"));
        assertNull(MacAddresses.hex("00:11:32:0a:0b"));
        assertNull(MacAddresses.hex("zz:11:32:0a:0b:0c"));
        assertNull(MacAddresses.hex(null));
        assertTrue(MacAddresses.locallyAdministered("66:bf:ff:df:82:7a"));
        assertTrue(MacAddresses.locallyAdministered("02:00:00:00:00:01"));
        assertFalse(MacAddresses.locallyAdministered("00:11:32:01:02:03"));
        assertFalse(MacAddresses.locallyAdministered("fd:00:00:00:00:01"));
        assertFalse(MacAddresses.locallyAdministered("not a mac"));
    }
}
