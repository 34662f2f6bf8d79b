package io.vigie.agent.discover;

import io.vigie.checks.text.Lang;
import org.junit.jupiter.api.Test;
import org.snmp4j.PDU;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pure parts of discovery: no packet leaves the JVM here. */
class DiscoveryUnitTest {

    // ---- CIDR and subnet policy

    @Test
    void cidrParsesAndNormalises() {
        Cidr c = Cidr.parse("192.168.1.77/24");
        assertEquals("192.168.1.0/24", c.toString());
        assertEquals(254, c.hosts().size());
        assertEquals("192.168.1.1", Cidr.format(c.hosts().get(0)));
        assertEquals("192.168.1.254", Cidr.format(c.hosts().get(253)));
        assertEquals(2, Cidr.parse("10.0.0.0/31").hosts().size());
        assertEquals(1, Cidr.parse("10.0.0.9").hosts().size());
        assertTrue(Cidr.parse("10.0.0.0/8").contains(Cidr.parse("10.250.0.0/24")));
        assertFalse(Cidr.parse("10.250.0.0/24").contains(Cidr.parse("10.0.0.0/8")));
        for (String bad : List.of("10.0.0/24", "10.0.0.256/24", "10.0.0.1/33", "a.b.c.d/8", "10.0.0.1/x", " ")) {
            assertThrows(IllegalArgumentException.class, () -> Cidr.parse(bad), bad);
        }
    }

    @Test
    void policyRefusesLargeUnlessForcedAndPublicUnlessOwnNetwork() {
        Cidr lan = Cidr.parse("192.168.0.0/22");
        SubnetPolicy.check(lan, null, false);
        DiscoveryRefused big = assertThrows(DiscoveryRefused.class,
                () -> SubnetPolicy.check(Cidr.parse("192.168.0.0/21"), null, false));
        assertEquals("subnet_too_large", big.key());
        assertTrue(big.message(Lang.FR).contains("2048 adresses"), big.message(Lang.FR));
        assertTrue(big.message(Lang.EN).contains("--force"));
        SubnetPolicy.check(Cidr.parse("192.168.0.0/21"), null, true);

        DiscoveryRefused pub = assertThrows(DiscoveryRefused.class,
                () -> SubnetPolicy.check(Cidr.parse("8.8.8.0/24"), null, true));
        assertEquals("subnet_public", pub.key());
        assertTrue(pub.message(Lang.FR).contains("adresses publiques"));
        // the interface's own public network is allowed
        SubnetPolicy.check(Cidr.parse("203.0.113.0/25"), Cidr.parse("203.0.113.0/24"), false);
        assertThrows(DiscoveryRefused.class, () -> SubnetPolicy.check(Cidr.parse("203.0.113.0/24"), Cidr.parse("203.0.113.0/25"), false));
        // a block straddling private and public space is public
        assertEquals("subnet_public", assertThrows(DiscoveryRefused.class,
                () -> SubnetPolicy.check(Cidr.parse("172.15.252.0/22"), null, false)).key());
        for (String never : List.of("127.0.0.0/24", "224.0.0.0/24", "0.0.0.0/24", "255.255.255.0/24")) {
            assertEquals("subnet_reserved", assertThrows(DiscoveryRefused.class,
                    () -> SubnetPolicy.check(Cidr.parse(never), Cidr.parse(never), true)).key(), never);
        }
    }

    @Test
    void resolveChoosesTheInterfaceOrRefusesClearly() {
        byte[] mac = {0x00, 0x11, 0x32, 1, 2, 3};
        NetInfo.Iface eth = new NetInfo.Iface("eth0", Cidr.parseIpv4("192.168.1.10"), Cidr.parse("192.168.1.0/24"), mac);
        NetInfo.Iface wlan = new NetInfo.Iface("wlan0", Cidr.parseIpv4("10.1.0.5"), Cidr.parse("10.1.0.0/16"), mac);
        NetInfo.Iface pub = new NetInfo.Iface("wan0", Cidr.parseIpv4("203.0.113.9"), Cidr.parse("203.0.113.0/24"), mac);
        DiscoveryOptions none = DiscoveryOptions.builder().build();
        assertEquals(eth, LanDiscoverer.resolve(none, List.of(eth, pub), null).iface());
        assertEquals("interface_ambiguous", assertThrows(DiscoveryRefused.class,
                () -> LanDiscoverer.resolve(none, List.of(eth, wlan), null)).key());
        assertEquals(eth, LanDiscoverer.resolve(none, List.of(eth, wlan), "eth0").iface());
        assertEquals("interface_none", assertThrows(DiscoveryRefused.class,
                () -> LanDiscoverer.resolve(none, List.of(pub), null)).key());
        DiscoveryRefused unknown = assertThrows(DiscoveryRefused.class,
                () -> LanDiscoverer.resolve(DiscoveryOptions.builder().interfaceName("eth9").build(), List.of(eth), null));
        assertTrue(unknown.message(Lang.EN).contains("eth0 (192.168.1.0/24)"), unknown.message(Lang.EN));
        // a /16 interface network needs --force or a smaller --subnet
        assertEquals("subnet_too_large", assertThrows(DiscoveryRefused.class, () -> LanDiscoverer.resolve(
                DiscoveryOptions.builder().interfaceName("wlan0").build(), List.of(wlan), null)).key());
        LanDiscoverer.Target t = LanDiscoverer.resolve(DiscoveryOptions.builder().subnet("10.1.4.0/24").build(), List.of(eth, wlan), null);
        assertEquals(wlan, t.iface());
        assertEquals("10.1.4.0/24", t.subnet().toString());
        // routed private subnet: no interface (TCP only)
        assertNull(LanDiscoverer.resolve(DiscoveryOptions.builder().subnet("172.20.0.0/24").build(), List.of(eth), null).iface());
        assertEquals("subnet_invalid", assertThrows(DiscoveryRefused.class, () -> LanDiscoverer.resolve(
                DiscoveryOptions.builder().subnet("192.168.1/24").build(), List.of(eth), null)).key());
        // the interface's own public network is allowed, another public one is not
        assertEquals(pub, LanDiscoverer.resolve(DiscoveryOptions.builder().interfaceName("wan0").build(), List.of(pub), null).iface());
        assertEquals("subnet_public", assertThrows(DiscoveryRefused.class, () -> LanDiscoverer.resolve(
                DiscoveryOptions.builder().interfaceName("wan0").subnet("198.51.100.0/24").build(), List.of(pub), null)).key());
    }

    @Test
    void everyMessageExistsInBothLanguages() {
        Map<String, Map<String, String>> all = Messages.all();
        assertEquals(all.get("fr").keySet(), all.get("en").keySet());
    }

    @Test
    void commandRefusesPublicSubnetInFrenchByDefaultBeforeSendingAnything() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new picocli.CommandLine(new DiscoverCommand().streams(new PrintWriter(out), new PrintWriter(err)))
                .execute("--subnet", "8.8.8.0/24");
        assertEquals(2, code);
        assertTrue(err.toString().contains("adresses publiques"), err.toString());
        StringWriter err2 = new StringWriter();
        code = new picocli.CommandLine(new DiscoverCommand().streams(new PrintWriter(new StringWriter()), new PrintWriter(err2)))
                .execute("--subnet", "10.0.0.0/16", "--lang", "en");
        assertEquals(2, code);
        assertTrue(err2.toString().contains("65536 addresses"), err2.toString());
    }

    @Test
    void portListsParse() {
        assertEquals(List.of(22, 80, 5900, 5901, 5902), DiscoverCommand.parsePorts(List.of("22", "80", "5900-5902", "22")));
        assertThrows(IllegalArgumentException.class, () -> DiscoverCommand.parsePorts(List.of("10-5")));
        PortCatalogue only = PortCatalogue.defaults().only(List.of(22, 8080));
        assertEquals("ssh", only.get(22).service());
        assertEquals("tcp-8080", only.get(8080).service());
        assertThrows(IllegalArgumentException.class, () -> PortCatalogue.defaults().only(List.of(0)));
    }

    @Test
    void catalogueCoversTheRiskyPortsOfTheReference() {
        PortCatalogue c = PortCatalogue.defaults();
        for (int p : new int[]{21, 22, 23, 80, 139, 443, 445, 631, 1433, 3306, 3389, 5432, 5650, 5800, 5900, 5910,
                5938, 5985, 5986, 6379, 7070, 9100, 21115, 21119, 27017}) {
            assertNotNull(c.get(p), "port " + p);
        }
        assertEquals("ssh", c.get(22).banner());
        assertTrue(c.discoveryPorts().stream().anyMatch(p -> p.port() == 445));
    }

    // ---- rate limiter

    @Test
    void rateLimiterHonoursBurstAndRate() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter r = new RateLimiter(100, 5, now::get); // 100/s = one per 10 ms
        for (int i = 0; i < 5; i++) {
            assertTrue(r.tryAcquire(), "burst " + i);
        }
        assertFalse(r.tryAcquire());
        assertEquals(10_000_000L, r.nanosUntilAvailable());
        now.addAndGet(9_000_000L);
        assertFalse(r.tryAcquire());
        now.addAndGet(1_000_000L);
        assertTrue(r.tryAcquire());
        now.addAndGet(10_000_000_000L); // long idle: capped at burst
        int got = 0;
        while (r.tryAcquire()) {
            got++;
        }
        assertEquals(5, got);
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0, 1, now::get));
    }

    // ---- banners

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void bannersAreParsedPerProtocol() {
        byte[] ssh = b("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n");
        assertEquals("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3", Banners.parse("ssh", ssh, ssh.length));
        byte[] sshPre = b("hello\r\nSSH-1.99-Cisco-1.25\r\n");
        assertEquals("SSH-1.99-Cisco-1.25", Banners.parse("ssh", sshPre, sshPre.length));
        assertNull(Banners.parse("ssh", b("HTTP/1.1 400\r\n"), 14));
        byte[] ftp = b("220 (vsFTPd 3.0.3)\r\n");
        assertEquals("220 (vsFTPd 3.0.3)", Banners.parse("text", ftp, ftp.length));
        byte[] telnet = b("\u00ff\u00fd\u0018\u00ff\u00fd\u0020\u00ff\u00fa\u0018\u0001\u00ff\u00f0Debian GNU/Linux 12\r\nlogin: ");
        assertEquals("Debian GNU/Linux 12", Banners.parse("telnet", telnet, telnet.length));
        assertFalse(Banners.complete("telnet", b("\u00ff\u00fd\u0018\n"), 4), "negotiation only is not a banner yet");
        byte[] vnc = b("RFB 003.008\n");
        assertEquals("RFB 003.008", Banners.parse("vnc", vnc, vnc.length));
        byte[] mysql = new byte[]{0x4a, 0, 0, 0, 0x0a, '8', '.', '0', '.', '3', '6', 0, 1, 2};
        assertEquals("MySQL 8.0.36", Banners.parse("mysql", mysql, mysql.length));
        byte[] ctrl = b("220 evil\u001b[31m\u0007 name\r\n");
        assertEquals("220 evil [31m name", Banners.parse("text", ctrl, ctrl.length));
        byte[] longLine = b("220 " + "x".repeat(400) + "\n");
        assertEquals(Banners.MAX_LENGTH, Banners.parse("text", longLine, longLine.length).length());
        assertNull(Banners.parse("text", new byte[0], 0));
        assertTrue(Banners.complete("text", ftp, ftp.length));
        assertFalse(Banners.complete("text", b("220 partial"), 11));
    }

    // ---- OUI

    @Test
    void ouiLooksUpLongestPrefixAndIgnoresRandomMacs() throws Exception {
        String table = "# source: test\n001132\tSynology Incorporated\n70B3D5\tIEEE Registration Authority\n"
                + "70B3D5F2F\tTELEPLATFORMS\n";
        Oui oui = Oui.read(new ByteArrayInputStream(table.getBytes(StandardCharsets.UTF_8)));
        assertEquals("Synology Incorporated", oui.vendor("00:11:32:aa:bb:cc").orElseThrow());
        assertEquals("Synology Incorporated", oui.vendor("0011.32aa.bbcc").orElseThrow());
        assertEquals("TELEPLATFORMS", oui.vendor("70-B3-D5-F2-F1-23").orElseThrow());
        assertTrue(oui.vendor("02:11:32:aa:bb:cc").isEmpty(), "locally administered");
        assertTrue(oui.vendor("not a mac").isEmpty());
        assertEquals("test", oui.source());
    }

    @Test
    void shippedOuiTableComesFromIeeeData() {
        Oui oui = Oui.defaults();
        assertTrue(oui.size() > 30000, "size " + oui.size());
        assertTrue(oui.source().startsWith("Debian package ieee-data"), oui.source());
        assertEquals("Synology Incorporated", oui.vendor("00:11:32:01:02:03").orElseThrow());
        assertEquals("VMware, Inc.", oui.vendor("00:0c:29:01:02:03").orElseThrow());
        assertTrue(Oui.locallyAdministered("66:bf:ff:df:82:7a"));
    }

    // ---- device classes

    @Test
    void devicesAreClassedFromSnmpPortsAndVendor() {
        DeviceClassifier c = DeviceClassifier.defaults();
        assertEquals("printer", c.classify(null, Map.of("sysDescr", "HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT"), List.of()));
        assertEquals("printer", c.classify(null, Map.of(), List.of(9100, 80)));
        assertEquals("nas", c.classify("Synology Incorporated", Map.of(), List.of(445, 139, 80)));
        assertEquals("camera", c.classify("Hangzhou Hikvision Digital Technology Co.,Ltd.", Map.of(), List.of(80)));
        assertEquals("router", c.classify(null, Map.of("sysDescr", "RouterOS RB4011"), List.of(22)));
        assertEquals("router", c.classify(null, Map.of("sysObjectID", "1.3.6.1.4.1.14988.1"), List.of()));
        assertEquals("server", c.classify(null, Map.of(), List.of(22, 5432)));
        assertEquals("workstation", c.classify(null, Map.of(), List.of(445, 3389)));
        assertEquals("unknown", c.classify(null, Map.of(), List.of(22)));
        // whole words only: a description containing "hl-" inside a longer word is not a Brother printer
        assertEquals("unknown", c.classify(null, Map.of("sysDescr", "Linux gw 5.10.0 #1 SMP x86_64 build-ahl-2"), List.of(22)));
        assertEquals("printer", c.classify(null, Map.of("sysDescr", "Brother NC-8300h, Firmware Ver.1.05, HL-L2350DW series"), List.of()));
        assertEquals("printer", c.classify(null, Map.of("sysDescr", "Brother MFC-L2710DW series"), List.of()));
        assertEquals("unknown", c.classify("Taxis Ltd", Map.of(), List.of()), "'axis' is not found inside 'taxis'");
        assertEquals("camera", c.classify(null, Map.of("sysDescr", "AXIS P1448-LE Network Camera"), List.of()));
        assertTrue(DeviceClassifier.containsWord("fritz!box 7590", "fritz!box"));
        assertFalse(DeviceClassifier.containsWord("switchboard", "switch"));
        // SNMP outweighs a port signature
        assertEquals("nas", c.classify(null, Map.of("sysDescr", "Synology DiskStation"), List.of(3306)));
    }

    // ---- ARP frames, /proc parsing

    @Test
    void arpRequestAndReplyFrames() {
        byte[] mac = {0x00, 0x11, 0x32, 0x0a, 0x0b, 0x0c};
        byte[] req = ArpFrames.request(mac, Cidr.parseIpv4("10.250.0.2"), Cidr.parseIpv4("10.250.0.11"));
        assertEquals(42, req.length);
        assertEquals((byte) 0xff, req[0]);
        assertEquals(1, req[21]);
        assertNull(ArpFrames.parseReply(req), "a request is not a reply");
        byte[] reply = req.clone();
        reply[21] = 2;
        byte[] peer = {0x66, (byte) 0xbf, (byte) 0xff, (byte) 0xdf, (byte) 0x82, 0x7a};
        System.arraycopy(peer, 0, reply, 22, 6);
        byte[] ip = {10, (byte) 250, 0, 11};
        System.arraycopy(ip, 0, reply, 28, 4);
        ArpFrames.Sender s = ArpFrames.parseReply(reply);
        assertEquals("10.250.0.11", Cidr.format(s.ip()));
        assertArrayEquals(peer, s.mac());
        assertNull(ArpFrames.parseReply(new byte[20]));
    }

    @Test
    void procFilesParse() {
        String arp = """
                IP address       HW type     Flags       HW address            Mask     Device
                10.250.0.11      0x1         0x2         66:BF:FF:DF:82:7A     *        eth0
                10.250.0.12      0x1         0x0         00:00:00:00:00:00     *        eth0
                192.168.1.1      0x1         0x2         00:11:32:01:02:03     *        wlan0
                """;
        assertEquals(Map.of(Cidr.parseIpv4("10.250.0.11"), "66:bf:ff:df:82:7a"), NetInfo.parseProcArp(arp, "eth0"));
        assertTrue(NetInfo.hasNetRaw("Name:\tjava\nCapEff:\t000001ffffffffff\n"));
        assertTrue(NetInfo.hasNetRaw("CapEff:\t0000000000002000\n"));
        assertFalse(NetInfo.hasNetRaw("CapEff:\t0000000000000000\n"));
        assertFalse(NetInfo.hasNetRaw("nothing"));
    }

    // ---- SNMP codec

    @Test
    void snmpV2cGetRoundTripsThroughSnmp4jCodec() throws Exception {
        byte[] msg = SnmpProber.encodeV2cGet(4242, "public");
        PDU pdu = SnmpProber.decodeV2c(msg, msg.length);
        assertNotNull(pdu);
        assertEquals(4242, pdu.getRequestID().getValue());
        assertEquals(PDU.GET, pdu.getType());
        assertEquals(3, pdu.size());
        assertEquals(SnmpProber.SYS_DESCR, pdu.get(0).getOid());
        assertNull(SnmpProber.decodeV2c(new byte[]{0x30, 0x03, 0x02, 0x01}, 4));

        PDU answer = new PDU();
        answer.setType(PDU.RESPONSE);
        answer.add(new VariableBinding(SnmpProber.SYS_DESCR, new OctetString("HP LaserJet\u0000")));
        answer.add(new VariableBinding(SnmpProber.SYS_NAME, new OctetString("printer-1")));
        answer.add(new VariableBinding(SnmpProber.SYS_OBJECT_ID, org.snmp4j.smi.Null.noSuchObject));
        Map<String, String> v = SnmpProber.values(answer, "2c");
        assertEquals(Map.of("sysDescr", "HP LaserJet", "sysName", "printer-1", "version", "2c", "community", "public"), v);
        PDU report = new PDU();
        report.setType(PDU.REPORT);
        assertNull(SnmpProber.values(report, "3"), "a REPORT (unknown user) is no answer");
    }

    @Test
    void snmpV3NeedsCompleteCredentials() {
        assertEquals("snmp_v3_incomplete", assertThrows(DiscoveryRefused.class,
                () -> new SnmpProber.V3("u", "short", "longenough")).key());
        assertFalse(new SnmpProber.V3("u", "longenough", "longenough").toString().contains("longenough"));
        assertFalse(new DiscoveryOptions.SnmpV3("u", "secret-pass", "secret-pass").toString().contains("secret"));
    }

    @Test
    void libpcapMissingIsRecognisedFromPcap4jFailures() {
        // what pcap4j throws without libpcap: the first use fails in NativeMappings' static initialiser, every later
        // one with "Could not initialize class"
        NoClassDefFoundError later = new NoClassDefFoundError("Could not initialize class org.pcap4j.core.NativeMappings");
        assertTrue(LanDiscoverer.libpcapMissing(new java.util.concurrent.CompletionException(later)));
        assertTrue(LanDiscoverer.libpcapMissing(new ExceptionInInitializerError(
                new UnsatisfiedLinkError("Unable to load library 'pcap': libpcap.so: cannot open shared object file"))));
        assertFalse(LanDiscoverer.libpcapMissing(new java.io.IOException("socket: Operation not permitted")));
        assertFalse(LanDiscoverer.libpcapMissing(new NoClassDefFoundError("org/snmp4j/Snmp")));
        assertTrue(Messages.get(io.vigie.checks.text.Lang.FR, LanDiscoverer.LIBPCAP_MISSING).contains("libpcap0.8"));
        assertTrue(Messages.get(io.vigie.checks.text.Lang.EN, LanDiscoverer.LIBPCAP_MISSING).contains("TCP"));
    }
}
