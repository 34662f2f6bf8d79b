package io.vigie.agent.discover;

import io.vigie.checks.json.Json;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.LanDevice;
import io.vigie.checks.report.LanDiscovery;
import io.vigie.checks.report.LanService;
import io.vigie.checks.rule.lan.LanFindings;
import io.vigie.checks.text.Lang;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code vigie discover}: opt-in sweep of the local network. Prints a summary (French by default) or the
 * {@code lan} section as JSON. Exit code 0 when done, 2 when refused (subnet, interface, options), 1 on error.
 */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = {"Découvre les appareils du réseau local et ce qu'ils exposent (jamais lancé sans vous).",
                "Discovers the devices of the local network and what they expose (never run unless asked)."})
public final class DiscoverCommand implements Callable<Integer> {

    /** Environment variables holding SNMPv3 passphrases (kept off the command line, which others can read). */
    public static final String ENV_AUTH = "VIGIE_SNMP_AUTH_PASS";
    public static final String ENV_PRIV = "VIGIE_SNMP_PRIV_PASS";

    @Option(names = {"-i", "--interface"}, paramLabel = "NAME", description = "Interface whose network is swept.")
    String interfaceName;

    @Option(names = "--subnet", paramLabel = "CIDR", description = "Network to sweep, e.g. 192.168.1.0/24.")
    String subnet;

    @Option(names = "--force", description = "Allow a network larger than a /22.")
    boolean force;

    @Option(names = "--lang", paramLabel = "fr|en", defaultValue = "fr", description = "Language of messages.")
    String lang;

    @Option(names = "--method", paramLabel = "auto|arp|tcp", defaultValue = "auto",
            description = "Host discovery: ARP (needs root or CAP_NET_RAW) or TCP connections.")
    String method;

    @Option(names = "--ports", paramLabel = "LIST", split = ",",
            description = "TCP ports to probe instead of the built-in list (e.g. 22,80,5900-5910).")
    List<String> ports;

    @Option(names = "--no-snmp", description = "Do not ask SNMP.")
    boolean noSnmp;

    @Option(names = "--snmp-v3-user", paramLabel = "USER",
            description = "SNMPv3 user (authPriv SHA/AES); passphrases from $" + ENV_AUTH + " and $" + ENV_PRIV
                    + " or --snmp-v3-secrets.")
    String v3User;

    @Option(names = "--snmp-v3-secrets", paramLabel = "FILE",
            description = "Properties file with auth=… and priv=… passphrases.")
    Path v3Secrets;

    @Option(names = "--reverse-dns", description = "Look up host names (sends DNS queries).")
    boolean reverseDns;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "2000", description = "New probes per second, all hosts.")
    double rate;

    @Option(names = "--host-rate", paramLabel = "N", defaultValue = "300", description = "New probes per second, per host.")
    double hostRate;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "256", description = "Concurrent connections at most.")
    int maxInFlight;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "800", description = "Connect timeout in milliseconds.")
    long timeoutMillis;

    @Option(names = "--json", description = "Print the report's lan section as JSON.")
    boolean json;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the JSON to a file.")
    Path output;

    private PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    private PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);

    public DiscoverCommand streams(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
        return this;
    }

    /** Parses "22,80,5900-5910" items. */
    static List<Integer> parsePorts(List<String> items) {
        List<Integer> out = new ArrayList<>();
        for (String item : items) {
            String s = item.trim();
            int dash = s.indexOf('-');
            if (dash > 0) {
                int a = Integer.parseInt(s.substring(0, dash).trim());
                int b = Integer.parseInt(s.substring(dash + 1).trim());
                if (b < a || b - a > 65535) {
                    throw new IllegalArgumentException("bad port range " + s);
                }
                for (int p = a; p <= b; p++) {
                    out.add(p);
                }
            } else if (!s.isEmpty()) {
                out.add(Integer.parseInt(s));
            }
        }
        return out.stream().distinct().toList();
    }

    DiscoveryOptions options() throws IOException {
        DiscoveryOptions.Builder b = DiscoveryOptions.builder()
                .interfaceName(interfaceName)
                .subnet(subnet)
                .force(force)
                .lang(Lang.parse(lang))
                .method(DiscoveryOptions.Method.valueOf(method.trim().toUpperCase(Locale.ROOT)))
                .snmp(!noSnmp)
                .reverseDns(reverseDns)
                .rate(rate)
                .hostRate(hostRate)
                .maxInFlight(maxInFlight)
                .connectTimeout(Duration.ofMillis(timeoutMillis));
        if (ports != null) {
            b.ports(parsePorts(ports));
        }
        if (v3User != null) {
            String auth = System.getenv(ENV_AUTH);
            String priv = System.getenv(ENV_PRIV);
            if (v3Secrets != null) {
                Properties p = new Properties();
                try (var r = Files.newBufferedReader(v3Secrets)) {
                    p.load(r);
                }
                auth = p.getProperty("auth", auth);
                priv = p.getProperty("priv", priv);
            }
            b.snmpV3(new DiscoveryOptions.SnmpV3(v3User, auth, priv));
        }
        return b.build();
    }

    @Override
    public Integer call() {
        Lang l;
        try {
            l = Lang.parse(lang);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        try {
            DiscoveryOptions o = options();
            long t0 = System.nanoTime();
            LanDiscovery result = LanDiscoverer.discover(o, key -> err.println(Messages.get(l, key)));
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (output != null) {
                Json.mapper().writerWithDefaultPrettyPrinter().writeValue(output.toFile(), result);
            }
            if (json) {
                out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
            } else {
                printSummary(result, seconds, l);
            }
            out.flush();
            return 0;
        } catch (DiscoveryRefused e) {
            err.println(e.message(l));
            return 2;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("vigie discover: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    public void printSummary(LanDiscovery d, double seconds, Lang l) {
        String none = Messages.get(l, "none");
        out.println(Messages.get(l, "summary_header", Map.of("subnet", d.subnet(),
                "method", Messages.get(l, "method_" + d.method()), "count", d.devices().size(),
                "seconds", String.format(l.locale(), "%.1f", seconds))));
        LanFindings rules = LanFindings.defaults();
        for (LanDevice dev : d.devices()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("address", dev.address());
            a.put("mac", dev.mac() == null ? "-" : dev.mac());
            a.put("vendor", dev.vendor() == null ? none : dev.vendor());
            a.put("class", dev.deviceClass());
            out.println(Messages.get(l, "device_line", a));
            for (LanService s : dev.services()) {
                out.println(Messages.get(l, "service_line", Map.of("protocol", s.protocol(), "port", s.port(),
                        "service", s.service(), "banner", s.banner() == null ? "" : "« " + s.banner() + " »")).stripTrailing());
            }
            if (!dev.snmp().isEmpty()) {
                out.println(Messages.get(l, "snmp_line", Map.of("version", dev.snmp().get("version"),
                        "sysName", dev.snmp().getOrDefault("sysName", "?"), "sysDescr", dev.snmp().getOrDefault("sysDescr", "?"))));
            }
            for (Finding f : rules.judge(dev)) {
                out.println(Messages.get(l, "finding_line", Map.of("severity", f.severity().json(), "id", f.ruleId(),
                        "title", rules.text(f.ruleId(), l).title())));
            }
        }
    }
}
