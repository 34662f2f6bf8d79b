package io.vigie.agent.collect.linux;

import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.exec.CommandResult;
import io.vigie.agent.host.FileContent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Small queries several Linux collectors share (process names, installed packages, systemd unit states), each a
 * thin query over the {@link CollectContext} seams plus a pure parser.
 */
final class LinuxHost {

    static final String DPKG_STATUS = "/var/lib/dpkg/status";

    private LinuxHost() {
    }

    static CommandResult run(CollectContext ctx, Duration cap, String... argv) {
        Duration t = ctx.config().commandTimeout();
        if (cap != null && cap.compareTo(t) < 0) {
            t = cap;
        }
        return ctx.commands().run(List.of(argv), null, t);
    }

    static CommandResult run(CollectContext ctx, String... argv) {
        return run(ctx, null, argv);
    }

    // ---------------------------------------------------------------- processes

    /** Names ({@code comm}, at most 15 characters) of the running processes; empty when ps failed. */
    static Optional<Set<String>> processNames(CollectContext ctx) {
        CommandResult r = run(ctx, Duration.ofSeconds(5), "ps", "-e", "-o", "comm=");
        if (!r.ok() || r.stdout().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(parseProcessNames(r.stdout()));
    }

    static Set<String> parseProcessNames(String psOutput) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : psOutput.split("\n")) {
            String n = line.strip();
            if (!n.isEmpty()) {
                names.add(n);
            }
        }
        return names;
    }

    // ---------------------------------------------------------------- packages

    /** Packages marked installed in a dpkg status file ({@code Status: install ok installed}). */
    static Set<String> parseDpkgInstalled(String status) {
        Set<String> out = new LinkedHashSet<>();
        String pkg = null;
        String state = null;
        for (String line : (status + "\n\n").split("\n", -1)) {
            if (line.isEmpty()) {
                if (pkg != null && state != null && state.endsWith(" installed")) {
                    out.add(pkg);
                }
                pkg = null;
                state = null;
            } else if (line.startsWith("Package:")) {
                pkg = line.substring(8).strip();
            } else if (line.startsWith("Status:")) {
                state = line.substring(7).strip();
            }
        }
        return out;
    }

    /**
     * Which of {@code names} are installed: from the dpkg database on Debian-like systems, else from rpm. Empty
     * when no package database could be read (then "not installed" cannot be told).
     */
    static Optional<Set<String>> installed(CollectContext ctx, List<String> names) {
        FileContent dpkg = ctx.files().read(DPKG_STATUS);
        if (dpkg.ok()) {
            Set<String> all = parseDpkgInstalled(dpkg.text());
            Set<String> out = new LinkedHashSet<>();
            for (String n : names) {
                if (all.contains(n)) {
                    out.add(n);
                }
            }
            return Optional.of(out);
        }
        List<String> argv = new ArrayList<>(List.of("rpm", "-q", "--qf", "%{NAME}\\n"));
        argv.addAll(names);
        CommandResult r = ctx.commands().run(argv, null, ctx.config().commandTimeout());
        if (r.notFound() || r.timedOut() || r.exitCode() < 0) {
            return Optional.empty();
        }
        Set<String> found = parseRpmQuery(r.stdout(), names);
        for (String n : names) {
            // rpm -q exits with the number of packages it did not find: only its own words say "not installed";
            // a failed query (an unreadable rpmdb) must not read as "nothing installed"
            if (!found.contains(n) && !r.stdout().contains("package " + n + " is not installed")) {
                return Optional.empty();
            }
        }
        return Optional.of(found);
    }

    /** {@code rpm -q --qf '%{NAME}\n' a b}: a name line per installed package, "package b is not installed". */
    static Set<String> parseRpmQuery(String out, List<String> asked) {
        Set<String> found = new LinkedHashSet<>();
        for (String line : out.split("\n")) {
            String l = line.strip();
            if (asked.contains(l)) {
                found.add(l);
            }
        }
        return found;
    }

    // ---------------------------------------------------------------- systemd

    /**
     * {@code systemctl is-enabled u1 u2 …} prints one state per unit, in order (enabled, disabled, static, masked,
     * not-found…). Empty map when systemctl is absent or printed nothing.
     */
    static Map<String, String> unitEnabled(CollectContext ctx, String... units) {
        List<String> argv = new ArrayList<>(List.of("systemctl", "is-enabled"));
        argv.addAll(Arrays.asList(units));
        CommandResult r = ctx.commands().run(argv, null, min(ctx, Duration.ofSeconds(5)));
        if (r.notFound() || r.timedOut()) {
            return Map.of();
        }
        return parseUnitStates(r.stdout(), List.of(units));
    }

    static Map<String, String> parseUnitStates(String out, List<String> units) {
        Map<String, String> m = new LinkedHashMap<>();
        String[] lines = out.strip().isEmpty() ? new String[0] : out.strip().split("\n");
        if (lines.length != units.size()) {
            return m;
        }
        for (int i = 0; i < lines.length; i++) {
            m.put(units.get(i), lines[i].strip().toLowerCase(Locale.ROOT));
        }
        return m;
    }

    static Duration min(CollectContext ctx, Duration d) {
        return d.compareTo(ctx.config().commandTimeout()) < 0 ? d : ctx.config().commandTimeout();
    }

    /** Parses shell-style {@code KEY=value} / {@code KEY="value"} lines (os-release, /etc/default files). */
    static Map<String, String> parseShellVars(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String k = line.substring(0, eq).strip();
            if (k.startsWith("export ")) {
                k = k.substring(7).strip();
            }
            String v = line.substring(eq + 1).strip();
            if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                v = v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\$", "$").replace("\\\\", "\\");
            } else {
                int hash = v.indexOf(" #");
                if (hash >= 0) {
                    v = v.substring(0, hash).strip();
                }
            }
            m.put(k, v);
        }
        return m;
    }

    /** The path of a file or program among candidates that exists on this machine. */
    static Optional<String> firstExisting(CollectContext ctx, String... paths) {
        for (String p : paths) {
            if (ctx.files().exists(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
