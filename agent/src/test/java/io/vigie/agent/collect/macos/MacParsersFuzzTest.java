package io.vigie.agent.collect.macos;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigie.agent.collect.AgentConfig;
import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.fuzz.FuzzedMachine;

import java.time.ZoneOffset;
import java.util.List;

/**
 * Fuzzing of the macOS output parsers (issue 14); see {@code LinuxParsersFuzzTest} for the contract and the corpus.
 */
class MacParsersFuzzTest {

    /** The first byte picks the parser, the rest is the command output or file text. */
    @FuzzTest(maxDuration = "30s")
    void parsers(byte[] data) {
        FuzzedMachine.parsing(() -> parse(data));
    }

    private static void parse(byte[] data) {
        String t = FuzzedMachine.text(data);
        switch (FuzzedMachine.selector(data, 20)) {
            case 0 -> ApplicationFirewall.globalState(t);
            case 1 -> ApplicationFirewall.profilerState(t);
            case 2 -> ApplicationFirewall.pfEnabled(t);
            case 3 -> FdeSetup.parse(t);
            case 4 -> MacAccounts.nopasswd(t);
            case 5 -> MacAccounts.uniqueIds(t);
            case 6 -> MacAccounts.parseRecord(t);
            case 7 -> Plist.parseXml(t);
            case 8 -> Probe.privilegeDenied(t);
            case 9 -> {
                Protection.gatekeeper(t);
                Protection.sip(t);
            }
            case 10 -> RemoteAccess.remoteLogin(t);
            case 11 -> RemoteAccess.parseOverrides(t);
            case 12 -> SoftwareUpdateList.parse(t);
            case 13 -> SoftwareUpdateList.keyValues(t);
            case 14 -> SshdConfig.parseEffective(t);
            case 15 -> TimeMachine.parseDestinations(t);
            case 16 -> TimeMachine.parseLatest(t, ZoneOffset.UTC);
            case 17 -> {
                String[] two = t.split("\n", 2);
                Protection.compareVersions(two[0], two.length > 1 ? two[1] : "");
                SoftwareUpdateList.major(two[0]);
            }
            case 18 -> {
                TimeMachine.stripUser(t);
                TimeMachine.kind(t);
            }
            default -> {
                String[] f = t.split("\n", -1);
                SwVers.identity(f[0], f.length > 1 ? f[1] : "", f.length > 2 ? f[2] : null, f.length > 3 ? f[3] : "",
                        f.length > 4 ? f[4] : "");
                SwVers.arch(f[0], f.length > 1 ? f[1] : null);
            }
        }
    }

    /** Every macOS collector on a machine whose every answer is fuzzed. */
    @FuzzTest(maxDuration = "30s")
    void collectors(FuzzedDataProvider data) {
        CollectContext ctx = FuzzedMachine.context(data);
        List<Collector> all = MacCollectors.create(AgentConfig.defaults());
        FuzzedMachine.collectKeepingContract(all.get(data.consumeInt(0, all.size() - 1)), ctx);
    }
}
