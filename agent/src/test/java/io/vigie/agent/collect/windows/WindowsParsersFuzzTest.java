package io.vigie.agent.collect.windows;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigie.agent.collect.AgentConfig;
import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.fuzz.FuzzedMachine;
import io.vigie.agent.host.Privilege;

import java.util.List;

/**
 * Fuzzing of the Windows output parsers (issue 14); see {@code LinuxParsersFuzzTest} for the contract and the
 * corpus. Windows collectors read the JSON their PowerShell probes print: the probe parsers are reached through
 * the collectors, on a machine whose every command prints the fuzzed text.
 */
class WindowsParsersFuzzTest {

    /** The first byte picks a text fallback or a collector; the rest is what every command prints. */
    @FuzzTest(maxDuration = "30s")
    void parsers(byte[] data) {
        String t = FuzzedMachine.text(data);
        List<Collector> all = WindowsCollectors.create(AgentConfig.defaults());
        int pick = FuzzedMachine.selector(data, all.size() + 4);
        if (pick < all.size()) {
            Privilege p = (data.length > 0 && (data[0] & 0x80) != 0) ? Privilege.ADMIN : Privilege.USER;
            FuzzedMachine.collectKeepingContract(all.get(pick), FuzzedMachine.answering(t, p));
            return;
        }
        FuzzedMachine.parsing(() -> {
            switch (pick - all.size()) {
                case 0 -> {
                    TextFallbacks.groupNameBySid(t, "S-1-5-32-544");
                    TextFallbacks.csv(t);
                }
                case 1 -> TextFallbacks.netLocalGroupMembers(t);
                case 2 -> TextFallbacks.netshProfiles(t);
                default -> {
                    TextFallbacks.state(t);
                    TextFallbacks.completed(t);
                    RemoteAccessCollector.SshdSettings.parse(t);
                }
            }
        });
    }

    /** Every Windows collector on a machine whose every answer is fuzzed. */
    @FuzzTest(maxDuration = "30s")
    void collectors(FuzzedDataProvider data) {
        CollectContext ctx = FuzzedMachine.context(data);
        List<Collector> all = WindowsCollectors.create(AgentConfig.defaults());
        FuzzedMachine.collectKeepingContract(all.get(data.consumeInt(0, all.size() - 1)), ctx);
    }
}
