package io.vigie.agent.collect.macos;

import io.vigie.agent.collect.AgentConfig;
import io.vigie.agent.collect.Collector;

import java.util.List;

/**
 * The macOS collectors (macOS 13 and later). Together they answer every key of
 * {@link io.vigie.checks.fact.FactKeys}; see docs/collectors-macos.md for each fact's source and privilege.
 */
public final class MacCollectors {

    private MacCollectors() {
    }

    /**
     * @param config operator settings; backup folders are read from the collection context's copy, and
     *               {@code softwareupdate --list} gets the collector timeout (it scans online: give macOS a generous
     *               {@code collectorTimeout})
     */
    public static List<Collector> create(AgentConfig config) {
        MacProducts products = MacProducts.load();
        return List.of(
                new SwVers(),
                new SoftwareUpdateList(),
                new InstallHistory(),
                new SoftwareUpdatePrefs(),
                new MacAccounts(),
                new FdeSetup(),
                new TimeMachine(),
                new MacListeners(),
                new RemoteAccess(products),
                new ApplicationFirewall(products),
                new Protection(products),
                // net-snmp's agent ships with macOS too, same configuration files
                new io.vigie.agent.collect.linux.SnmpdCollector());
    }
}
