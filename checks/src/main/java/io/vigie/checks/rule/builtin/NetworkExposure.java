package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.Exposure;
import io.vigie.checks.fact.Listener;
import io.vigie.checks.fact.Listeners;
import io.vigie.checks.rule.RuleContext;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Listening sockets reachable from the network on a set of ports read from a rule's parameters. */
final class NetworkExposure {

    /** What matched: one line per socket ("0.0.0.0:3389/tcp (svchost.exe)") and the distinct "port/proto". */
    record Match(List<String> sockets, List<String> ports) {
        boolean any() {
            return !sockets.isEmpty();
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

    /** Listeners on a non-loopback address whose port is in {@code tcp} (TCP) or {@code udp} (UDP). */
    static Match find(Listeners value, Set<Integer> tcp, Set<Integer> udp) {
        List<String> sockets = new ArrayList<>();
        Set<String> ports = new LinkedHashSet<>();
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
            sockets.add(address + ":" + l.port() + "/" + proto + (l.process() == null ? "" : " (" + l.process() + ")"));
            ports.add(l.port() + "/" + proto);
        }
        return new Match(List.copyOf(sockets), List.copyOf(ports));
    }

}
