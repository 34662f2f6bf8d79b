package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.FirewallProfile;
import io.vigie.checks.fact.FirewallStatus;
import io.vigie.checks.fact.Snapshot;

import java.util.List;
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

    private static boolean isWindowsProfile(FirewallProfile p) {
        return p.name() != null && WINDOWS_PROFILES.contains(p.name().toLowerCase(Locale.ROOT));
    }
}
