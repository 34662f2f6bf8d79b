package io.vigie.agent.collect.linux;

import io.vigie.agent.collect.AgentConfig;
import io.vigie.agent.collect.Collector;

import java.util.List;

/**
 * The Linux collectors (Debian/Ubuntu and the RHEL family). Together they produce every key of
 * {@link io.vigie.checks.fact.FactKeys}; each reads one data source, is independent of the others and is meant to
 * run in parallel under the {@link io.vigie.agent.collect.CollectionRunner}.
 */
public final class LinuxCollectors {

    private LinuxCollectors() {
    }

    /** One instance of each Linux collector. {@code config} is read by the collectors at collect time. */
    public static List<Collector> create(AgentConfig config) {
        return List.of(
                new PackageUpdatesCollector(), // slowest (apt/dnf): first, so it starts first
                new OsReleaseCollector(),
                new PackageHistoryCollector(),
                new AutoUpdateCollector(),
                new SudoersCollector(),
                new PasswdCollector(),
                new ShadowCollector(),
                new BlockDeviceCollector(),
                new BackupCollector(),
                new ListenerCollector(),
                new SshdCollector(),
                new RemoteAccessCollector(),
                new SambaCollector(),
                new FirewallCollector(),
                new AntivirusCollector(),
                new PlatformNotApplicableCollector());
    }

    /** Collector by its {@link Collector#name()} (fixture folders are named after it). */
    public static Collector byName(String name) {
        for (Collector c : create(AgentConfig.defaults())) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no Linux collector named " + name);
    }
}
