package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.Exposure;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Listener;
import io.vigie.checks.fact.Listeners;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.rule.RuleContext;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Listening sockets reachable from the network on a set of ports read from a rule's parameters. */
final class NetworkExposure {

    /**
     * What matched: one line per socket ("0.0.0.0:3389/tcp (svchost.exe)") and the distinct "port/proto"; the
     * sockets a firewall layer is known to shield ({@code filtered}, with the layers in {@code firewalls}); and the
     * basis of the judgement, {@code listener} or {@code listener+firewall}.
     */
    record Match(List<String> sockets, List<String> ports, List<String> filtered, List<String> firewalls, String basis) {
        Match(List<String> sockets, List<String> ports) {
            this(sockets, ports, List.of(), List.of(), "listener");
        }

        boolean any() {
            return !sockets.isEmpty();
        }

        /** Adds the basis and, when some socket was shielded, which and by what. */
        Evidence addTo(Evidence ev) {
            ev.put("exposureBasis", basis);
            if (!filtered.isEmpty()) {
                ev.put("filteredSockets", filtered).put("firewall", firewalls);
            }
            return ev;
        }
    }

    private NetworkExposure() {
    }

    /** Ports from a parameter holding a JSON list of numbers; absent parameter = no port. */
    static Set<Integer> ports(RuleContext ctx, String param) {
        Object v = ctx.params().get(param);
        Set<Integer> out = new TreeSet<>();
        if (v == null) {
            return out;
        }
        if (!(v instanceof List<?> list)) {
            throw new IllegalStateException("rule parameter '" + param + "' must be a list of port numbers");
        }
        for (Object o : list) {
            if (!(o instanceof Number n)) {
                throw new IllegalStateException("rule parameter '" + param + "' must hold numbers, found " + o);
            }
            out.add(n.intValue());
        }
        return out;
    }

    /**
     * Like {@link #find(Listeners, Set, Set)}, and a listener whose port a firewall layer is known to drop (default
     * drop, every accepting rule read, none for this port: Linux nftables/iptables as read by the agent) is not
     * reachable from the network. When the rules could not be read or were too complex, the listener stays exposed;
     * so does an IPv6 or dual-stack listener (the evaluated iptables rules filter IPv4 only).
     */
    static Match find(Listeners value, Set<Integer> tcp, Set<Integer> udp, Snapshot snapshot) {
        List<Hit> hits = hits(value, tcp, udp);
        Match all = match(hits);
        boolean firewallRead = snapshot.get(FactKeys.FIREWALL_STATUS).filter(Fact::isOk).map(Fact::value)
                .map(f -> f.profiles() != null && f.profiles().stream().anyMatch(p -> p.acceptedInbound() != null))
                .orElse(false);
        if (!all.any() || !firewallRead) {
            return all;
        }
        List<String> sockets = new ArrayList<>();
        Set<String> ports = new LinkedHashSet<>();
        List<String> filtered = new ArrayList<>();
        Set<String> layers = new LinkedHashSet<>();
        for (Hit h : hits) {
            String socket = h.socket();
            String portProto = h.portProto();
            int slash = portProto.indexOf('/');
            String base = portProto.substring(slash + 1).startsWith("udp") ? "udp" : "tcp";
            // the evaluated layers (iptables) filter IPv4 only: an IPv6 or dual-stack listener stays exposed
            List<String> dropping = !h.ipv4() ? List.of()
                    : Firewalls.droppingLayers(snapshot, Integer.parseInt(portProto.substring(0, slash)), base);
            if (dropping.isEmpty()) {
                sockets.add(socket);
                ports.add(portProto);
            } else {
                filtered.add(socket);
                layers.addAll(dropping);
            }
        }
        return new Match(List.copyOf(sockets), List.copyOf(ports), List.copyOf(filtered), List.copyOf(layers),
                "listener+firewall");
    }

    /** Listeners on a non-loopback address whose port is in {@code tcp} (TCP) or {@code udp} (UDP). */
    static Match find(Listeners value, Set<Integer> tcp, Set<Integer> udp) {
        return match(hits(value, tcp, udp));
    }

    /** One exposed socket and its "port/proto". */
    private record Hit(String socket, String portProto, boolean ipv4) {
    }

    private static Match match(List<Hit> hits) {
        List<String> sockets = new ArrayList<>();
        Set<String> ports = new LinkedHashSet<>();
        for (Hit h : hits) {
            sockets.add(h.socket());
            ports.add(h.portProto());
        }
        return new Match(List.copyOf(sockets), List.copyOf(ports));
    }

    private static List<Hit> hits(Listeners value, Set<Integer> tcp, Set<Integer> udp) {
        List<Hit> out = new ArrayList<>();
        List<Listener> listeners = value.listeners() == null ? List.of() : value.listeners();
        for (Listener l : listeners) {
            Exposure exp = l.exposure() != null ? l.exposure() : Exposure.ofBindAddress(l.address());
            if (exp == Exposure.LOCAL) {
                continue;
            }
            String proto = l.protocol() == null ? "tcp" : l.protocol().toLowerCase(Locale.ROOT);
            boolean hit = proto.startsWith("udp") ? udp.contains(l.port()) : tcp.contains(l.port());
            if (!hit) {
                continue;
            }
            String address = l.address() == null || l.address().isEmpty() ? "*" : l.address();
            if (address.contains(":") && !address.startsWith("[")) {
                address = "[" + address + "]";
            }
            boolean ipv4 = !address.contains(":") && !proto.endsWith("6");
            out.add(new Hit(address + ":" + l.port() + "/" + proto + (l.process() == null ? "" : " (" + l.process() + ")"),
                    l.port() + "/" + proto, ipv4));
        }
        return out;
    }

}
