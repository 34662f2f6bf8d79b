package io.vigie.agent.collect.linux;

import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.host.FileContent;
import io.vigie.agent.host.RawSocket;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.RdpServer;
import io.vigie.checks.fact.Reason;
import io.vigie.checks.fact.RemoteTool;
import io.vigie.checks.fact.RemoteTools;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code remote.tools} and {@code remote.rdp}: remote-control products. Each is found installed (dpkg/rpm package or
 * binary), running (process name) and listening (sockets owned by its processes; a socket with a hidden owner on the
 * product's well-known port counts when the product is installed). {@code remote.rdp} is xrdp (settings from
 * {@code /etc/xrdp/xrdp.ini}: {@code port}, {@code security_layer=hybrid|hybrid_ex} = NLA), NOT_APPLICABLE when
 * xrdp is not installed.
 */
final class RemoteAccessCollector implements Collector {

    /** A product: name, packages, binaries, process names (comm, 15 chars max), well-known ports [from, to]. */
    record Product(String name, List<String> packages, List<String> binaries, List<String> processes, int[] ports) {
    }

    static final List<Product> PRODUCTS = List.of(
            new Product("x11vnc", List.of("x11vnc"), List.of("/usr/bin/x11vnc"), List.of("x11vnc"), new int[]{5900, 5910}),
            new Product("TigerVNC", List.of("tigervnc-standalone-server", "tigervnc-scraping-server", "tigervnc-server"),
                    List.of("/usr/bin/Xtigervnc", "/usr/bin/x0vncserver", "/usr/bin/Xvnc"),
                    List.of("Xtigervnc", "Xvnc", "x0vncserver", "x0tigervncserve"), new int[]{5900, 5910}),
            new Product("Vino", List.of("vino"), List.of("/usr/lib/vino/vino-server", "/usr/libexec/vino-server"),
                    List.of("vino-server"), new int[]{5900, 5900}),
            new Product("GNOME Remote Desktop", List.of("gnome-remote-desktop"),
                    List.of("/usr/libexec/gnome-remote-desktop-daemon"), List.of("gnome-remote-de"), new int[]{3389, 3390}),
            new Product("TeamViewer", List.of("teamviewer", "teamviewer-host"), List.of("/opt/teamviewer/tv_bin/teamviewerd"),
                    List.of("teamviewerd"), new int[]{5938, 5938}),
            new Product("AnyDesk", List.of("anydesk"), List.of("/usr/bin/anydesk"), List.of("anydesk"), new int[]{7070, 7070}),
            new Product("RustDesk", List.of("rustdesk"), List.of("/usr/bin/rustdesk"), List.of("rustdesk"), new int[]{21115, 21119}));

    static final Product XRDP = new Product("xrdp", List.of("xrdp"), List.of("/usr/sbin/xrdp"), List.of("xrdp"),
            new int[]{3389, 3389});

    @Override
    public String name() {
        return "remote-access";
    }

    @Override
    public List<FactKey<?>> keys() {
        return List.of(FactKeys.REMOTE_TOOLS, FactKeys.REMOTE_RDP);
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        var now = ctx.now();
        List<String> allPackages = new ArrayList<>();
        PRODUCTS.forEach(p -> allPackages.addAll(p.packages));
        allPackages.addAll(XRDP.packages);
        Optional<Set<String>> installed = LinuxHost.installed(ctx, allPackages);
        Optional<Set<String>> procs = LinuxHost.processNames(ctx);
        List<RawSocket> sockets;
        try {
            sockets = ctx.sockets().listening();
        } catch (Exception e) {
            sockets = null;
        }
        List<RemoteTool> tools = new ArrayList<>();
        List<String> lookedFor = new ArrayList<>();
        for (Product p : PRODUCTS) {
            lookedFor.add(p.name);
            RemoteTool t = tool(ctx, p, installed, procs, sockets);
            if (Boolean.TRUE.equals(t.installed()) || Boolean.TRUE.equals(t.running())
                    || (t.listeningPorts() != null && !t.listeningPorts().isEmpty())) {
                tools.add(t);
            }
        }
        List<Fact<?>> out = new ArrayList<>();
        if (tools.isEmpty() && installed.isEmpty() && procs.isEmpty()) {
            out.add(Fact.unknown(FactKeys.REMOTE_TOOLS, "packages, processes", now,
                    Reason.of(Reason.COMMAND_FAILED, "neither the package database nor the process list could be read")));
        } else {
            out.add(Fact.ok(FactKeys.REMOTE_TOOLS, "packages, processes, sockets", now, new RemoteTools(tools, lookedFor)));
        }
        RemoteTool x = tool(ctx, XRDP, installed, procs, sockets);
        if (!Boolean.TRUE.equals(x.installed()) && !Boolean.TRUE.equals(x.running())) {
            out.add(Fact.notApplicable(FactKeys.REMOTE_RDP, "xrdp", now,
                    Reason.of(Reason.NOT_INSTALLED, "no RDP server (xrdp) installed")));
        } else {
            FileContent ini = ctx.files().read("/etc/xrdp/xrdp.ini");
            Integer port = null;
            Boolean nla = null;
            if (ini.ok()) {
                String portValue = PasswdCollector.iniValue(ini.text(), "Globals", "port");
                port = parseXrdpPort(portValue);
                String layer = PasswdCollector.iniValue(ini.text(), "Globals", "security_layer");
                nla = layer == null ? Boolean.FALSE : layerIsNla(layer);
            }
            Boolean enabled = x.running();
            if (!Boolean.TRUE.equals(enabled) && x.listeningPorts() != null && !x.listeningPorts().isEmpty()) {
                enabled = true;
            }
            out.add(Fact.ok(FactKeys.REMOTE_RDP, "/etc/xrdp/xrdp.ini", now, new RdpServer(enabled, nla, port, null)));
        }
        return out;
    }

    private static RemoteTool tool(CollectContext ctx, Product p, Optional<Set<String>> installed,
                                   Optional<Set<String>> procs, List<RawSocket> sockets) {
        boolean pkg = installed.map(s -> p.packages.stream().anyMatch(s::contains)).orElse(false);
        boolean bin = p.binaries.stream().anyMatch(ctx.files()::exists);
        Boolean isInstalled = pkg || bin ? Boolean.TRUE : installed.isPresent() ? Boolean.FALSE : null;
        Boolean running = procs.map(s -> p.processes.stream().anyMatch(s::contains)).orElse(null);
        List<Integer> ports = sockets == null ? null : ports(p, sockets, Boolean.TRUE.equals(isInstalled) || Boolean.TRUE.equals(running));
        return new RemoteTool(p.name, isInstalled, running, ports);
    }

    /** Pure: ports of sockets owned by the product's processes, or unowned sockets on its well-known ports. */
    static List<Integer> ports(Product p, List<RawSocket> sockets, boolean present) {
        TreeSet<Integer> out = new TreeSet<>();
        for (RawSocket s : sockets) {
            if (s.process() != null && p.processes.stream().anyMatch(x -> RawSocket.sameProcess(x, s.process()))) {
                out.add(s.port());
            } else if (s.process() == null && present && s.port() >= p.ports[0] && s.port() <= p.ports[1]) {
                out.add(s.port());
            }
        }
        return new ArrayList<>(out);
    }

    /** Pure: xrdp {@code port=3389}, {@code port=tcp://:3389}, {@code port=tcp://.:3389}; null when not a port. */
    static Integer parseXrdpPort(String v) {
        if (v == null) {
            return 3389;
        }
        String t = v.strip();
        int colon = t.lastIndexOf(':');
        if (colon >= 0) {
            t = t.substring(colon + 1);
        }
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean layerIsNla(String layer) {
        String l = layer.strip().toLowerCase(Locale.ROOT);
        return l.equals("hybrid") || l.equals("hybrid_ex");
    }
}
