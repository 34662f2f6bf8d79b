package io.vigie.agent.collect.linux;

import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.exec.CommandResult;
import io.vigie.agent.host.FileContent;
import io.vigie.checks.fact.AutoUpdate;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Reason;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code patch.auto}: whether security updates install on their own.
 * <ul>
 *   <li>Debian/Ubuntu: package {@code unattended-upgrades} installed (dpkg status), {@code apt-config dump}
 *       {@code APT::Periodic::Unattended-Upgrade} and {@code Update-Package-Lists} non-zero, and
 *       {@code systemctl is-enabled apt-daily-upgrade.timer} not disabled/masked (when systemd answers).</li>
 *   <li>RHEL family: {@code dnf-automatic-install.timer} enabled, or {@code dnf-automatic.timer} enabled with
 *       {@code apply_updates = yes} in {@code /etc/dnf/automatic.conf}.</li>
 * </ul>
 */
final class AutoUpdateCollector implements Collector {

    static final Pattern APT_CONFIG = Pattern.compile("^(\\S+) \"(.*)\";$");

    @Override
    public String name() {
        return "auto-update";
    }

    @Override
    public List<FactKey<?>> keys() {
        return List.of(FactKeys.PATCH_AUTO);
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        FileContent dpkg = ctx.files().read(LinuxHost.DPKG_STATUS);
        if (dpkg.state() != FileContent.State.ABSENT) {
            return List.of(apt(ctx, dpkg));
        }
        return List.of(dnf(ctx));
    }

    private Fact<AutoUpdate> apt(CollectContext ctx, FileContent dpkg) {
        Instant now = ctx.now();
        String src = "apt-config dump";
        if (!dpkg.ok()) {
            return Fact.unknown(FactKeys.PATCH_AUTO, LinuxHost.DPKG_STATUS, now,
                    Reason.of(Reason.COMMAND_FAILED, LinuxHost.DPKG_STATUS + ": " + dpkg.state()));
        }
        boolean installed = LinuxHost.parseDpkgInstalled(dpkg.text()).contains("unattended-upgrades");
        if (!installed) {
            return Fact.ok(FactKeys.PATCH_AUTO, LinuxHost.DPKG_STATUS, now,
                    new AutoUpdate(false, "unattended-upgrades", "unattended-upgrades not installed"));
        }
        CommandResult r = LinuxHost.run(ctx, Duration.ofSeconds(5), "apt-config", "dump");
        Optional<Reason> failed = PackageUpdatesCollector.failure(r);
        if (failed.isPresent()) {
            return Fact.unknown(FactKeys.PATCH_AUTO, src, now, failed.get());
        }
        Map<String, String> conf = parseAptConfig(r.stdout());
        if (conf.isEmpty()) {
            return Fact.unknown(FactKeys.PATCH_AUTO, src, now, Reason.of(
                    r.stdout().isBlank() ? Reason.EMPTY_OUTPUT : Reason.UNPARSABLE_OUTPUT, "no APT option read"));
        }
        String timer = LinuxHost.unitEnabled(ctx, "apt-daily-upgrade.timer").get("apt-daily-upgrade.timer");
        return Fact.ok(FactKeys.PATCH_AUTO, src, now, judgeApt(conf, timer));
    }

    /** Pure: unattended-upgrades (installed) is on when both periodic options are non-zero and the timer is not off. */
    static AutoUpdate judgeApt(Map<String, String> conf, String timerState) {
        String uu = conf.getOrDefault("APT::Periodic::Unattended-Upgrade", "0");
        String lists = conf.getOrDefault("APT::Periodic::Update-Package-Lists", "0");
        boolean timerOff = timerState != null && Set.of("disabled", "masked", "not-found").contains(timerState);
        boolean on = !isZero(uu) && !isZero(lists) && !timerOff;
        String detail = "APT::Periodic::Unattended-Upgrade=" + uu + "; APT::Periodic::Update-Package-Lists=" + lists
                + "; apt-daily-upgrade.timer=" + (timerState == null ? "unknown" : timerState);
        return new AutoUpdate(on, "unattended-upgrades", detail);
    }

    private static boolean isZero(String v) {
        String t = v.strip();
        return t.isEmpty() || t.equals("0") || t.equalsIgnoreCase("false") || t.equalsIgnoreCase("no");
    }

    /** Pure: {@code apt-config dump} lines {@code Key::Sub "value";} (last value wins, as in apt). */
    static Map<String, String> parseAptConfig(String out) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String raw : out.split("\n")) {
            Matcher x = APT_CONFIG.matcher(raw.strip());
            if (x.matches()) {
                m.put(x.group(1), x.group(2));
            }
        }
        return m;
    }

    private Fact<AutoUpdate> dnf(CollectContext ctx) {
        Instant now = ctx.now();
        String src = "systemctl is-enabled dnf-automatic*.timer";
        Optional<java.util.Set<String>> pk = LinuxHost.installed(ctx, List.of("dnf-automatic", "dnf5-plugin-automatic"));
        if (pk.isEmpty()) {
            return Fact.unknown(FactKeys.PATCH_AUTO, "rpm -q", now, Reason.of(Reason.TOOL_ABSENT,
                    "no package database answered (dpkg status absent; rpm -q absent, failed or silent on a package)"));
        }
        if (pk.get().isEmpty()) {
            return Fact.ok(FactKeys.PATCH_AUTO, "rpm -q dnf-automatic", now,
                    new AutoUpdate(false, "dnf-automatic", "dnf-automatic not installed"));
        }
        Map<String, String> timers = LinuxHost.unitEnabled(ctx, "dnf-automatic-install.timer", "dnf-automatic.timer");
        if (timers.isEmpty()) {
            return Fact.unknown(FactKeys.PATCH_AUTO, src, now, Reason.of(Reason.COMMAND_FAILED, "systemctl gave no unit state"));
        }
        FileContent conf = ctx.files().read("/etc/dnf/automatic.conf");
        String apply = conf.ok() ? parseDnfAutomaticApply(conf.text()) : null;
        return Fact.ok(FactKeys.PATCH_AUTO, src, now, judgeDnf(timers.get("dnf-automatic-install.timer"),
                timers.get("dnf-automatic.timer"), apply, conf.ok()));
    }

    /** Pure: {@code apply_updates} of the {@code [commands]} section of automatic.conf (null when unset). */
    static String parseDnfAutomaticApply(String text) {
        String section = "";
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0 && "commands".equals(section) && line.substring(0, eq).strip().equals("apply_updates")) {
                return line.substring(eq + 1).strip().toLowerCase(java.util.Locale.ROOT);
            }
        }
        return null;
    }

    static AutoUpdate judgeDnf(String installTimer, String plainTimer, String apply, boolean confRead) {
        boolean installOn = "enabled".equals(installTimer);
        boolean plainOn = "enabled".equals(plainTimer);
        boolean applies = apply != null && Set.of("yes", "true", "1", "on").contains(apply);
        Boolean on;
        if (installOn) {
            on = true;
        } else if (plainOn) {
            // dnf-automatic.timer installs only when automatic.conf says apply_updates = yes (default no)
            on = confRead ? applies : null;
        } else {
            on = false;
        }
        String detail = "dnf-automatic-install.timer=" + installTimer + "; dnf-automatic.timer=" + plainTimer
                + "; apply_updates=" + (apply == null ? (confRead ? "no (default)" : "unknown") : apply);
        return new AutoUpdate(on, "dnf-automatic", detail);
    }
}
