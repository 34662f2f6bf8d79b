package io.vigie.agent.collect.macos;

import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.exec.CommandResult;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.OsIdentity;

import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code os.identity} from sw_vers(1): {@code -productVersion} (the full version, e.g. 15.1.1),
 * {@code -buildVersion}, {@code -productVersionExtra} (the Rapid Security Response suffix such as "(a)", macOS 13+),
 * plus {@code uname -r} (Darwin kernel) and the architecture. No privilege needed.
 */
final class SwVers implements Collector {

    static final String SOURCE = "sw_vers";
    private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+){0,2}");

    @Override
    public String name() {
        return "sw_vers";
    }

    @Override
    public List<FactKey<?>> keys() {
        return List.of(FactKeys.OS_IDENTITY);
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        CommandResult pv = Probe.run(ctx, "sw_vers", "-productVersion");
        if (!pv.ok()) {
            return List.of(Fact.unknown(FactKeys.OS_IDENTITY, SOURCE, ctx.now(), Probe.failure(pv)));
        }
        String version = pv.stdout().strip();
        if (!VERSION.matcher(version).matches()) {
            return List.of(Fact.unknown(FactKeys.OS_IDENTITY, SOURCE, ctx.now(), Probe.unparsable(pv)));
        }
        String build = firstLineIfOk(Probe.run(ctx, "sw_vers", "-buildVersion"));
        String extra = firstLineIfOk(Probe.run(ctx, "sw_vers", "-productVersionExtra"));
        String kernel = firstLineIfOk(Probe.run(ctx, "uname", "-r"));
        String arch = arch(firstLineIfOk(Probe.run(ctx, "uname", "-m")),
                firstLineIfOk(Probe.run(ctx, "sysctl", "-n", "hw.optional.arm64")));
        return List.of(Fact.ok(FactKeys.OS_IDENTITY, SOURCE, ctx.now(), identity(version, build, extra, kernel, arch)));
    }

    static OsIdentity identity(String version, String build, String extra, String kernel, String arch) {
        String name = "macOS " + version + (extra == null ? "" : " " + extra);
        return new OsIdentity("macos", "macos", name, version, build, null, null, kernel, arch, null);
    }

    /**
     * The machine's architecture. A JVM translated by Rosetta 2 sees {@code uname -m} = x86_64 on Apple
     * Silicon; {@code sysctl hw.optional.arm64} = 1 tells the truth (the key does not exist on Intel Macs).
     */
    static String arch(String unameM, String arm64Flag) {
        if ("1".equals(arm64Flag)) {
            return "arm64";
        }
        return unameM;
    }

    private static String firstLineIfOk(CommandResult r) {
        if (!r.ok()) {
            return null;
        }
        String s = r.stdout().strip();
        int nl = s.indexOf('\n');
        s = nl < 0 ? s : s.substring(0, nl).strip();
        return s.isEmpty() ? null : s;
    }
}
