package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.FirewallProfile;
import io.vigie.checks.fact.FirewallStatus;
import io.vigie.checks.fact.Snapshot;

import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Set;

/** Readings of the firewall fact shared by the firewall rules. */
final class Firewalls {

    static final Set<String> WINDOWS_PROFILES = Set.of("domain", "private", "public");

    private Firewalls() {
    }

    static boolean isWindows(FirewallStatus f, Snapshot snapshot) {
        String family = Platforms.family(snapshot);
        if (family != null) {
            return family.equals(Platforms.WINDOWS);
        }
        return f.profiles().stream().anyMatch(Firewalls::isWindowsProfile);
    }

    static List<FirewallProfile> windowsProfiles(FirewallStatus f) {
        return f.profiles().stream().filter(Firewalls::isWindowsProfile).toList();
    }

    /**
     * The firewall layers (Linux) that drop new inbound connections to {@code port}/{@code proto}: layers that drop
     * by default and whose accepting rules could all be read ({@link FirewallProfile#acceptedInbound()}) without
     * accepting this port. Empty when none is known to drop it (no firewall fact, Windows or macOS, rules not
     * evaluated or too complex): the listener then stays reachable. A drop in any layer is final.
     */
    static List<String> droppingLayers(Snapshot snapshot, int port, String proto) {
        Optional<FirewallStatus> f = snapshot.get(FactKeys.FIREWALL_STATUS).filter(Fact::isOk).map(Fact::value);
        if (f.isEmpty() || f.get().profiles() == null || isWindows(f.get(), snapshot)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (FirewallProfile p : f.get().profiles()) {
            if (Boolean.TRUE.equals(p.enabled()) && Boolean.TRUE.equals(p.filtering()) && p.acceptedInbound() != null
                    && p.acceptedInbound().stream().noneMatch(a -> accepts(a, port, proto))) {
                out.add(p.name());
            }
        }
        return out;
    }

    /** "22/tcp", "1000-2000/udp", "*&#47;tcp" against a port and protocol; an unreadable entry accepts. */
    static boolean accepts(String entry, int port, String proto) {
        int slash = entry.lastIndexOf('/');
        if (slash < 0) {
            return true;
        }
        if (!entry.substring(slash + 1).equalsIgnoreCase(proto)) {
            return false;
        }
        String ports = entry.substring(0, slash);
        if (ports.equals("*")) {
            return true;
        }
        try {
            int dash = ports.indexOf('-');
            if (dash > 0) {
                return port >= Integer.parseInt(ports.substring(0, dash)) && port <= Integer.parseInt(ports.substring(dash + 1));
            }
            return port == Integer.parseInt(ports);
        } catch (NumberFormatException e) {
            return true; // a service name or anything unread: assume it is this port
        }
    }

    private static boolean isWindowsProfile(FirewallProfile p) {
        return p.name() != null && WINDOWS_PROFILES.contains(p.name().toLowerCase(Locale.ROOT));
    }
}
