package io.vigie.agent.discover;

import io.vigie.checks.report.LanDevice;
import io.vigie.checks.report.LanDiscovery;
import io.vigie.checks.report.LanService;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * LAN discovery, opt-in: finds the hosts of the local network (ARP when allowed, else TCP connects),
 * probes the remote-access and risky-service ports, reads greetings servers send unasked, asks SNMP
 * system identity with the factory community (and SNMPv3 when given credentials), and names vendors and
 * device classes. Never logs in, never sends a password other than SNMP's factory "public", never writes.
 * The local machine itself is not listed (the local checks cover it).
 */
public final class LanDiscoverer {

    public static final String METHOD_ARP = "arp";
    public static final String METHOD_TCP = "tcp-connect";

    /** What will be swept. {@code iface} is null for a routed subnet (TCP only). */
    record Target(NetInfo.Iface iface, Cidr subnet) {
    }

    /** {@code -Dvigie.discover.trace=true} prints phase timings on standard error. */
    private static final boolean TRACE = Boolean.getBoolean("vigie.discover.trace");
    private static final long T0 = System.nanoTime();

    private LanDiscoverer() {
    }

    static void trace(String what) {
        if (TRACE) {
            System.err.printf("[discover %6.3f s] %s%n", (System.nanoTime() - T0) / 1e9, what);
        }
    }

    /**
     * Runs discovery.
     *
     * @throws DiscoveryRefused when the subnet or interface is refused (message in the operator's language)
     */
    public static LanDiscovery discover(DiscoveryOptions options) throws IOException, InterruptedException {
        return discover(options, key -> { });
    }

    /**
     * Runs discovery; {@code notices} receives the keys of {@code messages.json} sentences the operator should read
     * (e.g. {@value #LIBPCAP_MISSING}: ARP was asked for, libpcap is missing, the TCP method is used instead).
     */
    public static LanDiscovery discover(DiscoveryOptions options, java.util.function.Consumer<String> notices)
            throws IOException, InterruptedException {
        if (options.method() != DiscoveryOptions.Method.TCP && NetInfo.mayCapture()) {
            preload("org.pcap4j.core.NativeMappings"); // JNA + libpcap take a few hundred ms to load
        }
        Target target = resolve(options, NetInfo.interfaces(), defaultRouteInterface());
        return run(options, target, notices);
    }

    /** Notice key: ARP capture needs libpcap (Debian {@code libpcap0.8}), which could not be loaded. */
    public static final String LIBPCAP_MISSING = "libpcap_missing";

    /**
     * Pure: the failure is libpcap missing — pcap4j's native mappings fail to load ({@code UnsatisfiedLinkError}
     * "Unable to load library 'pcap'", then {@code NoClassDefFoundError} "Could not initialize class
     * org.pcap4j.core.NativeMappings" on every later use).
     */
    static boolean libpcapMissing(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LinkageError) {
                String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
                if (t instanceof UnsatisfiedLinkError || m.contains("pcap") || m.contains("nativemappings")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Chooses the interface and subnet and applies {@link SubnetPolicy}. Pure. */
    static Target resolve(DiscoveryOptions o, List<NetInfo.Iface> ifaces, String defaultRouteIface) {
        String available = ifaces.isEmpty() ? "-" : ifaces.stream()
                .map(i -> i.name() + " (" + i.network() + ")").distinct().collect(Collectors.joining(", "));
        Cidr requested = null;
        if (o.subnet() != null) {
            try {
                requested = Cidr.parse(o.subnet());
            } catch (IllegalArgumentException e) {
                throw new DiscoveryRefused("subnet_invalid", Map.of("subnet", o.subnet()));
            }
        }
        NetInfo.Iface iface;
        if (o.interfaceName() != null) {
            iface = ifaces.stream().filter(i -> i.name().equals(o.interfaceName())).findFirst()
                    .orElseThrow(() -> new DiscoveryRefused("interface_unknown",
                            Map.of("name", o.interfaceName(), "available", available)));
        } else if (requested != null) {
            Cidr r = requested;
            iface = ifaces.stream().filter(i -> i.network().contains(r)).findFirst().orElse(null);
        } else {
            List<NetInfo.Iface> privates = ifaces.stream().filter(i -> SubnetPolicy.isPrivate(i.network())).toList();
            if (privates.isEmpty()) {
                throw new DiscoveryRefused("interface_none", Map.of());
            }
            List<NetInfo.Iface> viaRoute = privates.stream().filter(i -> i.name().equals(defaultRouteIface)).toList();
            if (privates.size() == 1) {
                iface = privates.get(0);
            } else if (viaRoute.size() == 1) {
                iface = viaRoute.get(0);
            } else {
                throw new DiscoveryRefused("interface_ambiguous", Map.of("available", available));
            }
        }
        Cidr subnet = requested != null ? requested : iface.network();
        SubnetPolicy.check(subnet, iface == null ? null : iface.network(), o.force());
        return new Target(iface, subnet);
    }

    /** Loads a class on a background thread, so its static set-up overlaps with other work. */
    private static void preload(String className) {
        Thread t = new Thread(() -> {
            try {
                Class.forName(className, true, LanDiscoverer.class.getClassLoader());
            } catch (Throwable ignored) {
                // the real use reports the problem
            }
        }, "vigie-preload");
        t.setDaemon(true);
        t.start();
    }

    /** The interface of the IPv4 default route, from /proc/net/route, or null. */
    static String defaultRouteInterface() {
        Path p = Path.of("/proc/net/route");
        if (!Files.isReadable(p)) {
            return null;
        }
        try {
            for (String line : Files.readAllLines(p)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 2 && "00000000".equals(f[1])) {
                    return f[0];
                }
            }
        } catch (IOException ignored) {
            // no default route known
        }
        return null;
    }

    static LanDiscovery run(DiscoveryOptions o, Target target, java.util.function.Consumer<String> notices)
            throws IOException, InterruptedException {
        Instant startedAt = Instant.now();
        trace("start " + target.subnet());
        PortCatalogue catalogue = o.ports() == null ? PortCatalogue.defaults() : PortCatalogue.defaults().only(o.ports());
        NetInfo.Iface iface = target.iface();
        boolean onLink = iface != null && iface.mac() != null && iface.mac().length == 6
                && iface.network().contains(target.subnet());
        boolean mayCapture = NetInfo.mayCapture();
        if (o.method() == DiscoveryOptions.Method.ARP) {
            if (!onLink) {
                throw new DiscoveryRefused("arp_needs_interface", Map.of("subnet", target.subnet()));
            }
            if (!mayCapture) {
                throw new DiscoveryRefused("arp_not_permitted", Map.of());
            }
        }
        boolean tryArp = o.method() != DiscoveryOptions.Method.TCP && onLink && mayCapture;
        SnmpProber.V3 v3 = o.snmpV3() == null ? null
                : new SnmpProber.V3(o.snmpV3().user(), o.snmpV3().authPassphrase(), o.snmpV3().privPassphrase());

        List<Integer> targets = new ArrayList<>(target.subnet().hosts());
        if (iface != null) {
            targets.remove(Integer.valueOf(iface.address()));
        }
        // Open the capture (libpcap through JNA is slow to load) while the rest is set up.
        java.util.concurrent.CompletableFuture<org.pcap4j.core.PcapHandle> capture = tryArp
                ? java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return ArpSweeper.open(iface);
                    } catch (Exception | LinkageError e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                })
                : null;
        // Load the vendor table while the network work runs.
        Thread ouiLoader = new Thread(() -> {
            Oui.defaults();
            try { // warm the JSON writer too: the CPU is idle while the network answers
                io.vigie.checks.json.Json.mapper().writeValueAsString(new LanDiscovery(true, METHOD_ARP, "10.0.0.0/24",
                        Instant.EPOCH, List.of(new LanDevice("10.0.0.1", null, null, "unknown",
                        List.of(new LanService("tcp", 22, "ssh", null)), Map.of()))));
            } catch (IOException ignored) {
                // only a warm-up
            }
        }, "vigie-oui");
        ouiLoader.setDaemon(true);
        ouiLoader.start();

        Map<Integer, String> up = new ConcurrentHashMap<>();
        Map<Integer, Map<Integer, LanService>> open = new ConcurrentHashMap<>();
        List<PortCatalogue.Port> all = catalogue.all();
        List<PortCatalogue.Port> first = catalogue.discoveryPorts();
        List<PortCatalogue.Port> rest = all.stream().filter(p -> !first.contains(p)).toList();

        SnmpProber snmp = o.snmp() ? new SnmpProber(o.snmpTimeout().toMillis(), o.snmpRetries(), v3) : null;
        String method;
        try {
            boolean[] tcpMode = {false};
            ProbeEngine[] engineRef = new ProbeEngine[1];
            ProbeEngine.Listener listener = (host, port, state, banner) -> {
                if (state == ProbeEngine.State.OPEN) {
                    open.computeIfAbsent(host, h -> new ConcurrentSkipListMap<>())
                            .put(port.port(), new LanService("tcp", port.port(), port.service(), banner));
                }
                if (tcpMode[0] && state != ProbeEngine.State.FILTERED && up.putIfAbsent(host, "") == null) {
                    engineRef[0].submit(host, rest);
                    if (snmp != null) {
                        snmp.query(host);
                    }
                }
            };
            ProbeEngine engine = new ProbeEngine(new ProbeEngine.Settings(o.maxInFlight(), o.connectTimeout().toNanos(),
                    o.bannerTimeout().toNanos(), o.rate(), o.hostRate()), listener);
            engineRef[0] = engine;
            try {
                engine.start();
                method = null;
                if (tryArp) {
                    try {
                        ArpSweeper.sweep(capture.join(), iface, targets, o.rate(), o.arpRetries(), o.arpWait(), (ip, mac) -> {
                            if (up.putIfAbsent(ip, mac) == null) {
                                engine.submit(ip, all);
                                if (snmp != null) {
                                    snmp.query(ip);
                                }
                            }
                        });
                        method = METHOD_ARP;
                        trace("arp sweep done: " + up.size() + " hosts");
                    } catch (Exception | LinkageError e) {
                        LanDiscoverer.trace("arp unavailable: " + e);
                        boolean noLibpcap = libpcapMissing(e);
                        if (o.method() == DiscoveryOptions.Method.ARP && !noLibpcap) {
                            throw new IOException("ARP capture failed on " + iface.name() + ": " + e.getMessage(), e);
                        }
                        if (noLibpcap && o.method() == DiscoveryOptions.Method.ARP) {
                            notices.accept(LIBPCAP_MISSING); // said plainly, then the TCP method runs
                        }
                        up.clear();
                    }
                }
                if (method == null) {
                    method = METHOD_TCP;
                    tcpMode[0] = true;
                    for (int t : targets) {
                        engine.submit(t, first);
                    }
                }
                engine.closeSubmissions();
                engine.await(TimeUnit.MINUTES.toMillis(30));
                trace("tcp probes done: " + engine.probesSent() + " connects");
            } finally {
                engine.close();
            }
            if (snmp != null) {
                snmp.await(o.snmpTimeout().toMillis() * (o.snmpRetries() + 1) * 4 + 2000);
                trace("snmp done");
            }
        } finally {
            if (snmp != null) {
                snmp.close();
            }
        }
        Map<Integer, Map<String, String>> snmpAnswers = snmp == null ? Map.of() : snmp.answers();
        Map<Integer, String> kernelMacs = METHOD_TCP.equals(method) && onLink ? NetInfo.kernelArp(iface.name()) : Map.of();
        Map<Integer, String> names = o.reverseDns() ? reverseDns(up.keySet()) : Map.of();
        ouiLoader.join();
        trace("results ready");
        Oui oui = Oui.defaults();
        DeviceClassifier classifier = DeviceClassifier.defaults();

        List<LanDevice> devices = new ArrayList<>();
        List<Integer> sorted = up.keySet().stream().sorted(Comparator.comparingLong(h -> h & 0xffffffffL)).toList();
        for (int host : sorted) {
            String mac = up.get(host);
            if (mac == null || mac.isEmpty()) {
                mac = kernelMacs.get(host);
            }
            List<LanService> services = new ArrayList<>(open.getOrDefault(host, Map.of()).values());
            Map<String, String> answer = snmpAnswers.getOrDefault(host, Map.of());
            if (!answer.isEmpty()) {
                services.add(new LanService("udp", 161, "snmp", null));
            }
            String vendor = oui.vendor(mac).orElse(null);
            Set<Integer> ports = services.stream().filter(s -> "tcp".equals(s.protocol())).map(LanService::port)
                    .collect(Collectors.toSet());
            devices.add(new LanDevice(Cidr.format(host), mac, vendor, classifier.classify(vendor, answer, ports),
                    List.copyOf(services), Map.copyOf(answer), names.get(host)));
        }
        return new LanDiscovery(true, method, target.subnet().toString(), startedAt, List.copyOf(devices));
    }

    private static Map<Integer, String> reverseDns(Set<Integer> hosts) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "vigie-rdns");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<Integer, Future<String>> futures = new ConcurrentHashMap<>();
            for (int h : hosts) {
                futures.put(h, pool.submit(() -> {
                    InetAddress a = Cidr.toAddress(h);
                    String name = a.getCanonicalHostName();
                    return name.equals(a.getHostAddress()) ? null : name;
                }));
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            Map<Integer, String> out = new ConcurrentHashMap<>();
            for (Map.Entry<Integer, Future<String>> e : futures.entrySet()) {
                try {
                    String n = e.getValue().get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (n != null) {
                        out.put(e.getKey(), n);
                    }
                } catch (Exception ignored) {
                    // no name in time
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
