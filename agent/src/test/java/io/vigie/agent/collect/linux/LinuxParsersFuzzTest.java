package io.vigie.agent.collect.linux;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigie.agent.collect.AgentConfig;
import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.fuzz.FuzzedMachine;

import java.util.List;

/**
 * Fuzzing of the Linux output parsers (issue 14). Plain {@code mvn test} replays the corpus in
 * {@code src/test/resources/io/vigie/agent/collect/linux/LinuxParsersFuzzTestInputs/}; {@code JAZZER_FUZZ=1}
 * fuzzes ({@code bench/fuzz/run.sh}). Contract: a parser returns a value, an empty result or null for text it
 * cannot read, or throws {@link IllegalArgumentException} itself (which its collector turns into an UNKNOWN fact,
 * {@code unparsable_output}); any other exception (index out of bounds, number format, null pointer) is a bug. A collector turns anything the machine answers into facts, never an exception.
 */
class LinuxParsersFuzzTest {

    /** The first byte picks the parser, the rest is the command output or file text. */
    @FuzzTest(maxDuration = "30s")
    void parsers(byte[] data) {
        FuzzedMachine.parsing(() -> parse(data));
    }

    private static void parse(byte[] data) {
        String t = FuzzedMachine.text(data);
        switch (FuzzedMachine.selector(data, 32)) {
            case 0 -> ShadowCollector.parseEmptyPasswords(t);
            case 1 -> SshdCollector.parseSshdT(t);
            case 2 -> SshdCollector.parseConfigLines(t);
            case 3 -> ListenerCollector.parseSs(t);
            case 4 -> BlockDeviceCollector.parseLsblk(t);
            case 5 -> RemoteAccessCollector.parseXrdpPort(t);
            case 6 -> AutoUpdateCollector.parseAptConfig(t);
            case 7 -> AutoUpdateCollector.parseDnfAutomaticApply(t);
            case 8 -> AntivirusCollector.parseSigtoolBuildTime(t);
            case 9 -> BackupCollector.parseRsnapshot(t);
            case 10 -> BackupCollector.parseTimers(t);
            case 11 -> BackupCollector.parseShow(t);
            case 12 -> FirewallCollector.parseUfwStatus(t);
            case 13 -> FirewallCollector.parseNftRuleset(t);
            case 14 -> FirewallCollector.parseIptables(t, "iptables");
            case 15 -> PasswdCollector.parseGdm(t);
            case 16 -> PackageUpdatesCollector.parseAptList(t);
            case 17 -> SudoersCollector.parsePasswd(t);
            case 18 -> SudoersCollector.parseGroups(t);
            case 19 -> SudoersCollector.parseSudoers(t);
            case 20 -> SudoersCollector.parseWho(t);
            case 21 -> OsReleaseCollector.parseProStatus(t);
            case 22 -> LinuxHost.parseProcessNames(t);
            case 23 -> LinuxHost.parseDpkgInstalled(t);
            case 24 -> LinuxHost.parseRpmQuery(t, List.of("dnf-automatic", "clamav"));
            case 25 -> LinuxHost.parseUnitStates(t, List.of("dnf-automatic.timer", "unattended-upgrades.service"));
            case 26 -> LinuxHost.parseShellVars(t);
            case 27 -> BackupCollector.borgmaticRepositories(t);
            case 28 -> BackupCollector.timeshiftCreated(t);
            case 29 -> PackageHistoryCollector.newestAptUpgrade(t);
            case 30 -> PackageHistoryCollector.newestDpkgUpgrade(t);
            default -> {
                PackageHistoryCollector.newestRpmInstall(t);
                SambaCollector.globalSection(t);
                BackupCollector.resticRepositories(t);
                BackupCollector.environmentFiles(t);
                FirewallCollector.firewalldTarget(t);
                PasswdCollector.iniValue(t, "daemon", "AutomaticLoginEnable");
            }
        }
    }

    /** Every Linux collector on a machine whose every answer is fuzzed. */
    @FuzzTest(maxDuration = "30s")
    void collectors(FuzzedDataProvider data) {
        CollectContext ctx = FuzzedMachine.context(data);
        List<Collector> all = LinuxCollectors.create(AgentConfig.defaults());
        FuzzedMachine.collectKeepingContract(all.get(data.consumeInt(0, all.size() - 1)), ctx);
    }
}
