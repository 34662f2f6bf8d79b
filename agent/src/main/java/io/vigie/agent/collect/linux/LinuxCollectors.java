package io.vigie.agent.collect.linux;

import io.vigie.agent.collect.AgentConfig;
import io.vigie.agent.collect.Collector;

import java.nio.file.Path;
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
        return create(config, null);
    }

    /**
     * Same, with the agent's state folder (Linux: {@code /var/lib/vigie} as root, else
     * {@code $XDG_STATE_HOME/vigie}) where the answer of {@code apt list --upgradable} is kept between runs, keyed by
     * the modification times of the package lists and the dpkg database. Pass null for {@code vigie record} (every
     * raw answer must then come from the machine) and for replays.
     */
    public static List<Collector> create(AgentConfig config, Path stateDir) {
        return List.of(
                new PackageUpdatesCollector(stateDir == null ? null : new AptListCache(stateDir)), // slowest: first
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
                new SnmpdCollector(),
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
