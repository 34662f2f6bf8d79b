package io.vigie.agent.collect.linux;

import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.exec.CommandResult;
import io.vigie.agent.host.FileContent;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.LastInstall;
import io.vigie.checks.fact.Reason;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code patch.lastInstall}: when updates were last installed.
 * <ul>
 *   <li>Debian/Ubuntu: the newest {@code End-Date:} of an apt history entry that upgraded packages without error,
 *       in {@code /var/log/apt/history.log} and its rotations ({@code .N}, {@code .N.gz}); fallback the newest
 *       {@code upgrade} line of {@code /var/log/dpkg.log*}. Both logs are in local time, converted with
 *       {@code /etc/timezone} (else the clock's zone).</li>
 *   <li>RHEL family: the newest {@code rpm -qa --qf '%{INSTALLTIME}\n'} (epoch seconds).</li>
 * </ul>
 */
final class PackageHistoryCollector implements Collector {

    static final Pattern HISTORY_NAME = Pattern.compile("history\\.log(\\.\\d+)?(\\.gz)?");
    static final Pattern DPKG_NAME = Pattern.compile("dpkg\\.log(\\.\\d+)?(\\.gz)?");
    static final DateTimeFormatter APT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd  HH:mm:ss");
    static final Pattern DPKG_UPGRADE = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}) upgrade ", Pattern.MULTILINE);

    @Override
    public String name() {
        return "package-history";
    }

    @Override
    public List<FactKey<?>> keys() {
        return List.of(FactKeys.PATCH_LAST_INSTALL);
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        Instant now = ctx.now();
        if (!ctx.files().exists(LinuxHost.DPKG_STATUS)) {
            return List.of(rpm(ctx));
        }
        ZoneId zone = systemZone(ctx);
        LogScan scan = new LogScan(ctx);
        LocalDateTime best = scan.newest("/var/log/apt", HISTORY_NAME, PackageHistoryCollector::newestAptUpgrade);
        if (best != null) {
            return List.of(Fact.ok(FactKeys.PATCH_LAST_INSTALL, "/var/log/apt/history.log", now,
                    new LastInstall(best.atZone(zone).toInstant(), "apt-history")));
        }
        best = scan.newest("/var/log", DPKG_NAME, PackageHistoryCollector::newestDpkgUpgrade);
        if (best != null) {
            return List.of(Fact.ok(FactKeys.PATCH_LAST_INSTALL, "/var/log/dpkg.log", now,
                    new LastInstall(best.atZone(zone).toInstant(), "dpkg-log")));
        }
        boolean denied = scan.denied;
        boolean anyRead = scan.anyRead;
        Reason reason = denied && !anyRead ? Reason.of(Reason.NEEDS_ADMIN, "/var/log/apt and /var/log/dpkg.log not readable")
                : Reason.of(Reason.EMPTY_OUTPUT, anyRead ? "no upgrade recorded in the apt and dpkg logs"
                : "no apt history or dpkg log found");
        return List.of(Fact.unknown(FactKeys.PATCH_LAST_INSTALL, "/var/log/apt/history.log", now, reason));
    }

    /** Reads the logs of a folder whose names match, remembering whether any was read and any refused. */
    private static final class LogScan {
        private final CollectContext ctx;
        boolean denied;
        boolean anyRead;

        LogScan(CollectContext ctx) {
            this.ctx = ctx;
        }

        /** The newest time {@code parse} finds in the readable logs of {@code dir} named like {@code names}. */
        LocalDateTime newest(String dir, Pattern names, java.util.function.Function<String, LocalDateTime> parse) {
            LocalDateTime best = null;
            for (String name : ctx.files().list(dir)) {
                if (!names.matcher(name).matches()) {
                    continue;
                }
                FileContent f = ctx.files().read(dir + "/" + name);
                if (f.state() == FileContent.State.DENIED) {
                    denied = true;
                    continue;
                }
                if (!f.ok()) {
                    continue;
                }
                anyRead = true;
                best = max(best, parse.apply(f.text()));
            }
            return best;
        }
    }

    private Fact<LastInstall> rpm(CollectContext ctx) {
        String src = "rpm -qa --qf %{INSTALLTIME}";
        CommandResult r = LinuxHost.run(ctx, "rpm", "-qa", "--qf", "%{INSTALLTIME}\\n");
        var failed = PackageUpdatesCollector.failure(r);
        if (failed.isPresent()) {
            return Fact.unknown(FactKeys.PATCH_LAST_INSTALL, src, ctx.now(), failed.get());
        }
        Instant newest = newestRpmInstall(r.stdout());
        if (newest == null) {
            return Fact.unknown(FactKeys.PATCH_LAST_INSTALL, src, ctx.now(),
                    Reason.of(r.stdout().isBlank() ? Reason.EMPTY_OUTPUT : Reason.UNPARSABLE_OUTPUT, "no install time"));
        }
        return Fact.ok(FactKeys.PATCH_LAST_INSTALL, src, ctx.now(), new LastInstall(newest, "rpm"));
    }

    /** Pure: the newest install time of {@code rpm -qa --qf '%{INSTALLTIME}\n'}; null when no line is a number. */
    static Instant newestRpmInstall(String out) {
        long best = -1;
        for (String line : out.split("\n")) {
            String l = line.strip();
            if (l.matches("\\d{1,12}")) {
                best = Math.max(best, Long.parseLong(l));
            }
        }
        return best < 0 ? null : Instant.ofEpochSecond(best);
    }

    /**
     * Pure: the newest {@code End-Date} (local time) of the history entries that hold an {@code Upgrade:} line and
     * no {@code Error:} line.
     */
    static LocalDateTime newestAptUpgrade(String history) {
        LocalDateTime best = null;
        boolean upgrade = false;
        boolean error = false;
        for (String raw : history.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("Start-Date:")) {
                upgrade = false;
                error = false;
            } else if (line.startsWith("Upgrade:")) {
                upgrade = true;
            } else if (line.startsWith("Error:")) {
                error = true;
            } else if (line.startsWith("End-Date:") && upgrade && !error) {
                String when = line.substring("End-Date:".length()).strip();
                try {
                    best = max(best, LocalDateTime.parse(when.replaceAll("\\s+", "  "), APT_TIME));
                } catch (DateTimeParseException ignored) {
                    // a truncated line: skip it
                }
            }
        }
        return best;
    }

    /** Pure: the newest {@code YYYY-MM-DD HH:MM:SS upgrade …} line of a dpkg log (local time). */
    static LocalDateTime newestDpkgUpgrade(String log) {
        LocalDateTime best = null;
        Matcher m = DPKG_UPGRADE.matcher(log);
        while (m.find()) {
            try {
                best = max(best, LocalDateTime.parse(m.group(1).replace(' ', 'T')));
            } catch (DateTimeParseException ignored) {
                // skip
            }
        }
        return best;
    }

    /** The machine's zone from {@code /etc/timezone}; else the clock's zone (the live clock is the system zone). */
    static ZoneId systemZone(CollectContext ctx) {
        FileContent tz = ctx.files().read("/etc/timezone");
        if (tz.ok() && !tz.text().isBlank()) {
            try {
                return ZoneId.of(tz.text().strip().split("\n")[0].strip());
            } catch (DateTimeException ignored) {
                // fall through
            }
        }
        return ctx.clock().getZone();
    }

    private static LocalDateTime max(LocalDateTime a, LocalDateTime b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isAfter(b) ? a : b;
    }

}
