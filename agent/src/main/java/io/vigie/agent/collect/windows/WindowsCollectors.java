package io.vigie.agent.collect.windows;

import io.vigie.agent.collect.AgentConfig;
import io.vigie.agent.collect.Collector;

import java.util.List;

/**
 * The Windows collectors. Together they produce every key of {@link io.vigie.checks.fact.FactKeys}: each probe
 * is a PowerShell script (resources next to this class) run through the context's command runner, so a machine
 * can be recorded ({@code vigie record}) and replayed. Admin rights are decided by each probe
 * (WindowsPrincipal.IsInRole S-1-5-32-544 with the current token), never by the context's privilege alone.
 */
public final class WindowsCollectors {

    private WindowsCollectors() {
    }

    public static List<Collector> create(AgentConfig config) {
        return List.of(
                new OsIdentityCollector(),
                new WindowsUpdateCollector(),
                new LocalAccountsCollector(),
                new BitLockerCollector(),
                new WindowsBackupCollector(),
                new ListenersCollector(),
                new RemoteAccessCollector(),
                new FirewallCollector(),
                new AntivirusCollector());
    }
}
