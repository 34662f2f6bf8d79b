package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Listeners;
import io.vigie.checks.fact.RdpServer;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.fact.SshServer;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A remote-access or network service listens on a non-loopback address. One class for the family; each rule
 * names its ports in the catalogue ({@code tcpPorts}, {@code udpPorts}). SSH and RDP also watch the port their
 * own settings name, when known. "Network" means any address other than loopback: reachable by the other
 * machines of the network, not proven reachable from the internet.
 */
public final class NetworkServiceRule extends FactRule<Listeners> {

    public static final String LISTENING = "service_listening_network";
    public static final String NOT_LISTENING = "service_not_listening_network";
    public static final String FILTERED = "service_listening_filtered";

    private final Function<Snapshot, Set<Integer>> configuredPorts;

    private NetworkServiceRule(String id, Function<Snapshot, Set<Integer>> configuredPorts) {
        super(id, FactKeys.NET_LISTENERS);
        this.configuredPorts = configuredPorts;
    }

    /** A rule whose ports come from its parameters only. */
    public static NetworkServiceRule of(String id) {
        return new NetworkServiceRule(id, s -> Set.of());
    }

    public static NetworkServiceRule ssh() {
        return new NetworkServiceRule("VIG-RMT-001", s -> {
            Set<Integer> out = new TreeSet<>();
            s.get(FactKeys.REMOTE_SSH).filter(Fact::isOk).map(Fact::value).map(SshServer::ports)
                    .ifPresent(out::addAll);
            return out;
        });
    }

    public static NetworkServiceRule rdp() {
        return new NetworkServiceRule("VIG-RMT-002", s -> {
            Set<Integer> out = new TreeSet<>();
            s.get(FactKeys.REMOTE_RDP).filter(Fact::isOk).map(Fact::value).map(RdpServer::port)
                    .ifPresent(out::add);
            return out;
        });
    }

    @Override
    protected Outcome judge(Listeners l, Fact<Listeners> fact, Snapshot snapshot, RuleContext ctx) {
        Set<Integer> tcp = new TreeSet<>(NetworkExposure.ports(ctx, "tcpPorts"));
        tcp.addAll(configuredPorts.apply(snapshot));
        Set<Integer> udp = NetworkExposure.ports(ctx, "udpPorts");
        NetworkExposure.Match m = NetworkExposure.find(l, tcp, udp, snapshot);
        Evidence ev = m.addTo(Evidence.of().put("watchedPorts", portList(tcp, udp)));
        if (m.any()) {
            return Outcome.fail(LISTENING, ev.put("ports", m.ports()).put("sockets", m.sockets()).map());
        }
        if (!m.filtered().isEmpty()) {
            // listening on the network, but the firewall drops new connections to these ports
            return Outcome.pass(FILTERED, ev.map());
        }
        return Outcome.pass(NOT_LISTENING, ev.map());
    }

    private static java.util.List<String> portList(Set<Integer> tcp, Set<Integer> udp) {
        java.util.List<String> out = new java.util.ArrayList<>();
        tcp.forEach(p -> out.add(p + "/tcp"));
        udp.forEach(p -> out.add(p + "/udp"));
        return out;
    }
}
