package io.vigie.agent.discover;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.checks.json.Json;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.LanDevice;
import io.vigie.checks.report.LanDiscovery;
import io.vigie.checks.report.LanService;
import io.vigie.checks.rule.lan.LanFindings;
import io.vigie.checks.testing.RequiredService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Discovery against a lab of network namespaces this test builds (10.250.0.0/24, never the real network):
 * one bridge namespace, seven host namespaces with socat listeners and snmpd, one scanner namespace where
 * the agent runs ({@code ip netns exec}, because libpcap captures in the process's own namespace). Asserts
 * exactly the devices, ports, banners and SNMP answers set up, and nothing else. Needs root, iproute2,
 * socat and snmpd: each test is skipped with the reason otherwise ({@link RequiredService}; under CI=true it fails).
 */
class LanLabTest {

    static final String V3_USER = "vigieaudit";
    static final String V3_AUTH = "auth-passphrase-1";
    static final String V3_PRIV = "priv-passphrase-1";

    static final String SPEC = """
            scanner 10.250.0.2
            host h1 10.250.0.11
            host h2 10.250.0.12
            host h3 10.250.0.13
            host h4 10.250.0.14
            host h5 10.250.0.15
            host h6 10.250.0.16
            host h7 10.250.0.17
            tcp h1 22 SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\\r\\n
            tcp h1 445
            tcp h1 3389
            tcp h2 23 \\377\\375\\030\\377\\375\\040Debian GNU/Linux 12\\r\\nlogin:
            tcp h2 21 220 (vsFTPd 3.0.3)\\r\\n
            tcp h3 9100
            snmp h3 v2c public HP LaserJet Pro M404dn
            snmp h4 v2c n0t-the-default-c0mmunity Linux edge router
            snmp h5 v3 %s %s %s Synology DiskStation DS220+
            tcp h7 5900 RFB 003.008\\n
            """.formatted(V3_USER, V3_AUTH, V3_PRIV);

    /** Expected open services per host: "proto/port service banner". */
    static final Map<String, Set<String>> EXPECTED = Map.of(
            "10.250.0.11", Set.of("tcp/22 ssh SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3", "tcp/445 smb null", "tcp/3389 rdp null"),
            "10.250.0.12", Set.of("tcp/21 ftp 220 (vsFTPd 3.0.3)", "tcp/23 telnet Debian GNU/Linux 12"),
            "10.250.0.13", Set.of("tcp/9100 jetdirect null", "udp/161 snmp null"),
            "10.250.0.14", Set.of(),
            "10.250.0.15", Set.of("udp/161 snmp null"),
            "10.250.0.16", Set.of(),
            "10.250.0.17", Set.of("tcp/5900 vnc RFB 003.008"));

    static String prefix;
    static Path lab;
    static boolean up;
    static Map<String, String> macs = new HashMap<>();
    static Thread hook;

    /** Why the lab cannot be built here (null when it can). */
    static String missing;

    @BeforeAll
    static void buildLab() throws Exception {
        missing = missing();
        if (missing != null) {
            return; // each test says why it is skipped (an abort here would hide the tests from the report)
        }
        lab = Path.of("src/test/lab/lab.sh").toAbsolutePath();
        prefix = "vgl" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        hook = new Thread(LanLabTest::tearDownQuietly, "lan-lab-teardown");
        Runtime.getRuntime().addShutdownHook(hook);
        Path spec = Files.createTempFile(prefix, ".spec");
        Files.writeString(spec, SPEC);
        try {
            Result r = exec(List.of("bash", lab.toString(), "up", prefix, spec.toString()), Map.of(), 60);
            assertEquals(0, r.code, "lab up failed: " + r.err);
            up = true;
            for (String h : List.of("h1", "h2", "h3", "h4", "h5", "h6", "h7")) {
                Result l = exec(List.of("ip", "-n", prefix + "-" + h, "-br", "link", "show", "eth0"), Map.of(), 10);
                String[] f = l.out.trim().split("\\s+");
                macs.put("10.250.0.1" + h.substring(1), f[2].toLowerCase(Locale.ROOT));
            }
        } finally {
            Files.deleteIfExists(spec);
        }
    }

    @BeforeEach
    void labIsUp() {
        RequiredService.require(missing == null, "LAN lab " + missing);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (prefix != null) {
            Result r = exec(List.of("bash", lab.toString(), "down", prefix), Map.of(), 60);
            Result left = exec(List.of("ip", "netns", "list"), Map.of(), 10);
            if (hook != null) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            assertEquals(0, r.code, "lab down failed: " + r.err);
            assertTrue(!left.out.contains(prefix + "-"), "namespaces left behind: " + left.out);
        }
    }

    private static void tearDownQuietly() {
        try {
            new ProcessBuilder("bash", lab.toString(), "down", prefix).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // best effort on JVM exit
        }
    }

    static String missing() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return "needs Linux network namespaces";
        }
        if (!NetInfo.mayCapture() || !"root".equals(System.getProperty("user.name"))) {
            return "needs root (network namespaces, ARP capture)";
        }
        for (String tool : List.of("ip", "socat", "snmpd", "ss")) {
            if (RequiredService.find(tool).isEmpty()) {
                return "needs " + tool + " on PATH (apt-get install iproute2 socat snmpd)";
            }
        }
        return null;
    }

    /** libpcap's version as pcap4j loads it, or null when it cannot be loaded. */
    static String libpcap() {
        try {
            return org.pcap4j.core.Pcaps.libVersion();
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            return null;
        }
    }

    record Result(int code, String out, String err) {
    }

    static Result exec(List<String> argv, Map<String, String> env, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().putAll(env);
        File out = File.createTempFile("lanlab", ".out");
        File err = File.createTempFile("lanlab", ".err");
        pb.redirectOutput(out).redirectError(err);
        Process p = pb.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError("timed out: " + argv);
            }
            return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                    Files.readString(err.toPath(), StandardCharsets.UTF_8));
        } finally {
            out.delete();
            err.delete();
        }
    }

    /** Runs the agent's discovery inside the scanner namespace, with this JVM's class path. */
    static LanDiscovery discover(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", prefix + "-sc",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DiscoverMain.class.getName(),
                "--interface", "eth0", "--json", "--lang", "en",
                "--snmp-v3-user", V3_USER));
        argv.addAll(List.of(args));
        Result r = exec(argv, Map.of(DiscoverCommand.ENV_AUTH, V3_AUTH, DiscoverCommand.ENV_PRIV, V3_PRIV), 120);
        assertEquals(0, r.code, "discover failed: " + r.err + r.out);
        JsonNode node = Json.mapper().readTree(r.out);
        return Json.mapper().treeToValue(node, LanDiscovery.class);
    }

    static Map<String, Set<String>> services(LanDiscovery d) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (LanDevice dev : d.devices()) {
            out.put(dev.address(), dev.services().stream()
                    .map(s -> s.protocol() + "/" + s.port() + " " + s.service() + " " + s.banner())
                    .collect(Collectors.toCollection(TreeSet::new)));
        }
        return out;
    }

    static LanDevice device(LanDiscovery d, String address) {
        return d.devices().stream().filter(x -> x.address().equals(address)).findFirst().orElseThrow();
    }

    static void assertSnmp(LanDiscovery d) {
        Map<String, String> h3 = device(d, "10.250.0.13").snmp();
        assertEquals("2c", h3.get("version"));
        assertEquals("public", h3.get("community"));
        assertEquals("h3", h3.get("sysName"));
        assertEquals("HP LaserJet Pro M404dn", h3.get("sysDescr"));
        assertEquals("1.3.6.1.4.1.8072.3.2.10", h3.get("sysObjectID"));
        assertTrue(device(d, "10.250.0.14").snmp().isEmpty(), "private community must not answer 'public'");
        Map<String, String> h5 = device(d, "10.250.0.15").snmp();
        assertEquals("3", h5.get("version"));
        assertEquals("authPriv", h5.get("securityLevel"));
        assertEquals("h5", h5.get("sysName"));
        assertEquals("Synology DiskStation DS220+", h5.get("sysDescr"));
        for (String a : List.of("10.250.0.11", "10.250.0.12", "10.250.0.16", "10.250.0.17")) {
            assertTrue(device(d, a).snmp().isEmpty(), a + " has no snmpd");
        }
        assertEquals("printer", device(d, "10.250.0.13").deviceClass());
        assertEquals("nas", device(d, "10.250.0.15").deviceClass());
    }

    @Test
    void arpDiscoveryFindsExactlyTheLab() throws Exception {
        RequiredService.require(libpcap() != null, "libpcap absent (ARP capture): apt-get install libpcap0.8");
        LanDiscovery d = discover();
        assertTrue(d.performed());
        assertEquals("arp", d.method());
        assertEquals("10.250.0.0/24", d.subnet());
        assertEquals(new TreeMap<>(EXPECTED), services(d));
        for (LanDevice dev : d.devices()) {
            assertEquals(macs.get(dev.address()), dev.mac(), "MAC of " + dev.address());
            assertEquals(null, dev.vendor(), "veth MACs are locally administered: no vendor");
            assertEquals(null, dev.hostname(), "no reverse DNS unless asked");
        }
        assertSnmp(d);

        Map<String, List<String>> findings = new TreeMap<>();
        for (LanDevice dev : d.devices()) {
            findings.put(dev.address(), LanFindings.defaults().judge(dev).stream().map(Finding::ruleId).toList());
        }
        assertEquals(Map.of(
                "10.250.0.11", List.of("VIG-LAN-001", "VIG-LAN-002"),
                "10.250.0.12", List.of("VIG-LAN-003", "VIG-LAN-005", "VIG-LAN-007"),
                "10.250.0.13", List.of("VIG-LAN-004"),
                "10.250.0.14", List.of("VIG-LAN-005"),
                "10.250.0.15", List.of(),
                "10.250.0.16", List.of("VIG-LAN-005"),
                "10.250.0.17", List.of("VIG-LAN-006")), findings);
    }

    @Test
    void tcpDiscoveryFindsTheSameWithoutCapture() throws Exception {
        LanDiscovery d = discover("--method", "tcp");
        assertEquals("tcp-connect", d.method());
        assertEquals(new TreeMap<>(EXPECTED), services(d));
        for (LanDevice dev : d.devices()) {
            assertNotNull(dev.mac(), "kernel ARP table gives the MAC of " + dev.address());
            assertEquals(macs.get(dev.address()), dev.mac());
        }
        assertSnmp(d);
    }

    @Test
    void portsOptionLimitsTheProbes() throws Exception {
        LanDiscovery d = discover("--ports", "22,23", "--no-snmp");
        Map<String, Set<String>> expected = new TreeMap<>();
        EXPECTED.keySet().forEach(a -> expected.put(a, Set.of()));
        expected.put("10.250.0.11", Set.of("tcp/22 ssh SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3"));
        expected.put("10.250.0.12", Set.of("tcp/23 telnet Debian GNU/Linux 12"));
        assertEquals(expected, services(d));
        List<LanService> none = d.devices().stream().flatMap(x -> x.services().stream())
                .filter(s -> s.protocol().equals("udp")).toList();
        assertEquals(List.of(), none, "--no-snmp sends no SNMP");
    }
}
