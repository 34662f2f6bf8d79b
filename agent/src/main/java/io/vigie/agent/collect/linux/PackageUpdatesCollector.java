package io.vigie.agent.collect.linux;

import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.exec.CommandResult;
import io.vigie.agent.host.FileContent;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.PatchStatus;
import io.vigie.checks.fact.Reason;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code patch.status}: pending updates as the package manager sees them, without changing anything.
 * <ul>
 *   <li>Debian/Ubuntu: {@code apt list --upgradable} (security = an origin suite containing {@code -security});
 *       freshness = mtime of {@code /var/lib/apt/periodic/update-success-stamp}, else of {@code /var/lib/apt/lists};
 *       reboot = {@code /run/reboot-required} (false only when a package that writes it is installed).</li>
 *   <li>RHEL family: {@code dnf -q -C check-update} and {@code --security} (exit 100 = pending, 0 = none), cache
 *       only (no network); reboot = {@code dnf needs-restarting -r} (exit 1 = needed).</li>
 * </ul>
 */
final class PackageUpdatesCollector implements Collector {

    /** Files whose modification times key the apt cache: lists, dpkg database, sources, pinning. */
    static final List<String> APT_INPUTS = List.of("/var/lib/apt/lists", LinuxHost.DPKG_STATUS, "/etc/apt/sources.list",
            "/etc/apt/sources.list.d", "/etc/apt/preferences", "/etc/apt/preferences.d", "/etc/apt/apt.conf.d");

    private final AptListCache cache;

    PackageUpdatesCollector() {
        this(null);
    }

    /** @param cache keeps the apt answer between runs (the agent's state folder); null = always ask apt */
    PackageUpdatesCollector(AptListCache cache) {
        this.cache = cache;
    }

    static final String REBOOT_FILE = "/run/reboot-required";
    /** Packages whose hooks create /run/reboot-required: when one is installed, its absence means "no reboot". */
    static final List<String> REBOOT_HOOKS = List.of(
            "/etc/kernel/postinst.d/update-notifier", "/etc/kernel/postinst.d/unattended-upgrades",
            "/usr/share/update-notifier/notify-reboot-required");

    @Override
    public String name() {
        return "package-updates";
    }

    @Override
    public List<FactKey<?>> keys() {
        return List.of(FactKeys.PATCH_STATUS);
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        if (ctx.files().exists(LinuxHost.DPKG_STATUS)) {
            return List.of(apt(ctx));
        }
        return List.of(dnf(ctx));
    }

    // ------------------------------------------------------------------ apt

    private Fact<PatchStatus> apt(CollectContext ctx) {
        String src = "apt list --upgradable";
        Instant now = ctx.now();
        String key = cache == null ? null : cacheKey(ctx);
        Optional<String> cached = key == null ? Optional.empty() : cache.get(key);
        CommandResult r;
        if (cached.isPresent()) {
            r = new CommandResult(List.of("apt", "list", "--upgradable"), 0, cached.get(), "", false, false, java.time.Duration.ZERO);
            src = "apt list --upgradable (cached; package lists unchanged)";
        } else {
            r = LinuxHost.run(ctx, "apt", "list", "--upgradable");
        }
        Optional<Reason> failed = failure(r);
        if (failed.isPresent()) {
            return Fact.unknown(FactKeys.PATCH_STATUS, src, now, failed.get());
        }
        AptList parsed;
        try {
            parsed = parseAptList(r.stdout());
        } catch (IllegalArgumentException e) {
            return Fact.unknown(FactKeys.PATCH_STATUS, src, now, Reason.of(
                    r.stdout().isBlank() ? Reason.EMPTY_OUTPUT : Reason.UNPARSABLE_OUTPUT, e.getMessage()));
        }
        if (key != null && cached.isEmpty()) {
            cache.put(key, r.stdout());
        }
        Instant refreshed = ctx.files().modified("/var/lib/apt/periodic/update-success-stamp")
                .or(() -> ctx.files().modified("/var/lib/apt/lists")).orElse(null);
        // read, not stat'ed: "exists" cannot say "could not tell", and no answer must not read as "no restart"
        FileContent flag = ctx.files().read(REBOOT_FILE);
        Boolean reboot;
        if (flag.ok() || flag.state() == FileContent.State.DENIED) {
            reboot = true;
        } else if (flag.state() == FileContent.State.ABSENT) {
            reboot = REBOOT_HOOKS.stream().anyMatch(ctx.files()::exists) ? Boolean.FALSE : null;
        } else {
            reboot = null;
        }
        return Fact.ok(FactKeys.PATCH_STATUS, src, now, new PatchStatus("apt", parsed.pending(),
                parsed.security().size(), first20(parsed.security()), refreshed, reboot));
    }

    /** Modification times of {@link #APT_INPUTS}; null when the lists folder cannot be stat'ed. */
    static String cacheKey(CollectContext ctx) {
        StringBuilder sb = new StringBuilder();
        for (String p : APT_INPUTS) {
            Optional<Instant> m = ctx.files().modified(p);
            if (m.isEmpty() && p.equals("/var/lib/apt/lists")) {
                return null;
            }
            sb.append(p).append('=').append(m.map(Instant::toString).orElse("-")).append(';');
        }
        return sb.toString();
    }

    record AptList(int pending, List<String> security) {
    }

    static final Pattern APT_LINE = Pattern.compile(
            "^(\\S+?)/(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+\\[upgradable from: [^\\]]+\\]\\s*$");

    /**
     * Pure: {@code apt list --upgradable} stdout ({@code Listing...} then {@code name/suite[,suite] version arch
     * [upgradable from: old]}). Throws IllegalArgumentException when the header is missing or a line does not
     * have that shape (truncated, other tool version).
     */
    static AptList parseAptList(String stdout) {
        String[] lines = stdout.split("\n");
        boolean header = false;
        int pending = 0;
        List<String> security = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("Listing...")) {
                header = true;
                String rest = line.substring("Listing...".length()).strip();
                if (rest.isEmpty() || rest.equals("Done")) {
                    continue;
                }
                line = rest;
            }
            if (!header) {
                throw new IllegalArgumentException("no 'Listing...' header");
            }
            Matcher m = APT_LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("unexpected line: " + abbreviate(line));
            }
            pending++;
            for (String suite : m.group(2).split(",")) {
                if (suite.contains("-security")) {
                    security.add(m.group(1));
                    break;
                }
            }
        }
        if (!header) {
            throw new IllegalArgumentException("no 'Listing...' header");
        }
        return new AptList(pending, security);
    }

    // ------------------------------------------------------------------ dnf

    private Fact<PatchStatus> dnf(CollectContext ctx) {
        Instant now = ctx.now();
        String src = "dnf -q -C check-update";
        CommandResult all = LinuxHost.run(ctx, "dnf", "-q", "-C", "check-update");
        if (all.notFound()) {
            return Fact.unknown(FactKeys.PATCH_STATUS, "apt/dnf", now,
                    Reason.of(Reason.TOOL_ABSENT, "neither dpkg/apt nor dnf found"));
        }
        Optional<Reason> failed = dnfFailure(all);
        if (failed.isPresent()) {
            return Fact.unknown(FactKeys.PATCH_STATUS, src, now, failed.get());
        }
        List<String> pending;
        try {
            pending = parseDnfCheckUpdate(all.exitCode(), all.stdout());
        } catch (IllegalArgumentException e) {
            return Fact.unknown(FactKeys.PATCH_STATUS, src, now, Reason.of(Reason.UNPARSABLE_OUTPUT, e.getMessage()));
        }
        CommandResult sec = LinuxHost.run(ctx, "dnf", "-q", "-C", "check-update", "--security");
        List<String> security = null;
        if (dnfFailure(sec).isEmpty()) {
            try {
                security = parseDnfCheckUpdate(sec.exitCode(), sec.stdout());
            } catch (IllegalArgumentException e) {
                security = null;
            }
        }
        CommandResult nr = LinuxHost.run(ctx, "dnf", "needs-restarting", "-r");
        Boolean reboot = nr.timedOut() || nr.notFound() ? null
                : nr.exitCode() == 1 ? Boolean.TRUE : nr.exitCode() == 0 ? Boolean.FALSE : null;
        Instant refreshed = ctx.files().modified("/var/cache/dnf/last_makecache")
                .or(() -> ctx.files().modified("/var/cache/dnf")).orElse(null);
        return Fact.ok(FactKeys.PATCH_STATUS, src, now, new PatchStatus("dnf", pending.size(),
                security == null ? null : security.size(), security == null ? null : first20(security), refreshed, reboot));
    }

    private static Optional<Reason> dnfFailure(CommandResult r) {
        if (r.notFound()) {
            return Optional.of(Reason.of(Reason.TOOL_ABSENT, r.describe()));
        }
        if (r.timedOut()) {
            return Optional.of(Reason.of(Reason.COMMAND_TIMEOUT, r.describe()));
        }
        if (r.exitCode() != 0 && r.exitCode() != 100) {
            return Optional.of(Reason.of(Reason.COMMAND_FAILED, r.describe()));
        }
        return Optional.empty();
    }

    /**
     * Pure: {@code dnf check-update} rows {@code name.arch version repo} (a long name may wrap the rest onto the
     * next line). Exit 0 must come with no rows, exit 100 with at least one. Rows after "Obsoleting Packages" are
     * replacements already counted.
     */
    static List<String> parseDnfCheckUpdate(int exitCode, String stdout) {
        List<String> tokens = new ArrayList<>();
        for (String raw : stdout.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("Obsoleting Packages") || line.startsWith("Obsoleting packages")) {
                break;
            }
            if (line.startsWith("Security:") || line.startsWith("Last metadata expiration")) {
                continue;
            }
            tokens.addAll(List.of(line.split("\\s+")));
        }
        if (tokens.size() % 3 != 0) {
            throw new IllegalArgumentException("dnf rows are not name/version/repo triples");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i += 3) {
            String nameArch = tokens.get(i);
            int dot = nameArch.lastIndexOf('.');
            if (dot <= 0) {
                throw new IllegalArgumentException("unexpected package column: " + abbreviate(nameArch));
            }
            names.add(nameArch.substring(0, dot));
        }
        if (exitCode == 100 && names.isEmpty()) {
            throw new IllegalArgumentException("exit 100 but no package rows");
        }
        if (exitCode == 0 && !names.isEmpty()) {
            throw new IllegalArgumentException("exit 0 with package rows");
        }
        return names;
    }

    // ------------------------------------------------------------------ shared

    static Optional<Reason> failure(CommandResult r) {
        if (r.notFound()) {
            return Optional.of(Reason.of(Reason.TOOL_ABSENT, r.describe()));
        }
        if (r.timedOut()) {
            return Optional.of(Reason.of(Reason.COMMAND_TIMEOUT, r.describe()));
        }
        if (r.exitCode() != 0) {
            return Optional.of(Reason.of(Reason.COMMAND_FAILED, r.describe()));
        }
        return Optional.empty();
    }

    static List<String> first20(List<String> l) {
        return List.copyOf(l.subList(0, Math.min(20, l.size())));
    }

    static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
