package io.vigie.agent.collect.linux;

import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.exec.CommandResult;
import io.vigie.agent.host.FileContent;
import io.vigie.agent.host.RawSocket;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Reason;
import io.vigie.checks.fact.SshServer;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code remote.ssh}: the OpenSSH server's effective settings. As root {@code sshd -T} (the effective
 * configuration); otherwise, or when {@code sshd -T} fails, {@code /etc/ssh/sshd_config} with its {@code Include}
 * files (globs, relative to /etc/ssh), first value wins, {@code Match} blocks ignored, OpenSSH defaults for what
 * is unset. Running = an {@code sshd} process, or a listener on one of its ports. NOT_APPLICABLE when no sshd is
 * installed.
 */
final class SshdCollector implements Collector {

    static final List<String> SSHD_BINARIES = List.of("/usr/sbin/sshd", "/usr/bin/sshd", "/usr/local/sbin/sshd");
    static final String CONFIG = "/etc/ssh/sshd_config";

    @Override
    public String name() {
        return "sshd";
    }

    @Override
    public List<FactKey<?>> keys() {
        return List.of(FactKeys.REMOTE_SSH);
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        var now = ctx.now();
        Optional<String> bin = LinuxHost.firstExisting(ctx, SSHD_BINARIES.toArray(String[]::new));
        if (bin.isEmpty()) {
            return List.of(Fact.notApplicable(FactKeys.REMOTE_SSH, "sshd", now,
                    Reason.of(Reason.NOT_INSTALLED, "no OpenSSH server (sshd) installed")));
        }
        Map<String, String> settings = null;
        String configSource = null;
        String failure = null;
        if (ctx.admin()) {
            CommandResult r = LinuxHost.run(ctx, Duration.ofSeconds(5), bin.get(), "-T");
            if (r.ok() && !r.stdout().isBlank()) {
                settings = parseSshdT(r.stdout());
                configSource = "sshd -T";
                if (!settings.containsKey("port")) {
                    settings = null;
                    failure = "sshd -T printed no port";
                }
            } else {
                failure = r.describe();
            }
        }
        if (settings == null) {
            FileContent main = ctx.files().read(CONFIG);
            if (main.state() == FileContent.State.DENIED) {
                return List.of(Fact.unknown(FactKeys.REMOTE_SSH, CONFIG, now, Reason.of(Reason.NEEDS_ADMIN, CONFIG + " not readable")));
            }
            Map<String, String> m = new LinkedHashMap<>();
            List<Integer> ports = new ArrayList<>();
            if (main.ok()) {
                readConfig(ctx, main.text(), m, ports, 0);
            }
            settings = withDefaults(m, ports);
            configSource = "sshd_config" + (failure == null ? "" : " (sshd -T failed: " + failure + ")");
        }
        List<Integer> ports = ports(settings);
        Boolean running = running(ctx, ports);
        return List.of(Fact.ok(FactKeys.REMOTE_SSH, configSource.startsWith("sshd -T") ? "sshd -T" : CONFIG, now,
                new SshServer(running, ports, yes(settings.get("passwordauthentication")),
                        yes(settings.get("kbdinteractiveauthentication")),
                        normalizeRootLogin(settings.get("permitrootlogin")), configSource)));
    }

    private static Boolean running(CollectContext ctx, List<Integer> ports) {
        Optional<Set<String>> procs = LinuxHost.processNames(ctx);
        if (procs.isPresent() && procs.get().contains("sshd")) {
            return true;
        }
        try {
            for (RawSocket s : ctx.sockets().listening()) {
                if ("tcp".equals(s.protocol()) && ports.contains(s.port())
                        && (s.process() == null || s.process().equals("sshd") || s.process().equals("systemd"))) {
                    return true;
                }
            }
        } catch (Exception e) {
            return procs.isPresent() ? Boolean.FALSE : null;
        }
        return procs.isPresent() ? Boolean.FALSE : null;
    }

    /** Pure: {@code sshd -T} lines {@code key value} (keys lowercase); repeated keys (port) joined by commas. */
    static Map<String, String> parseSshdT(String out) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            String t = line.strip();
            int sp = t.indexOf(' ');
            if (sp <= 0) {
                continue;
            }
            String k = t.substring(0, sp).toLowerCase(Locale.ROOT);
            String v = t.substring(sp + 1).strip();
            m.merge(k, v, (a, b) -> k.equals("port") ? a + "," + b : a);
        }
        return m;
    }

    /**
     * Pure-ish: applies one config text: first value wins, {@code Port} accumulates (several Port lines are all
     * used), {@code Include} expands in place, parsing stops at the first {@code Match}.
     */
    private static boolean readConfig(CollectContext ctx, String text, Map<String, String> m, List<Integer> ports, int depth) {
        for (String[] kv : parseConfigLines(text)) {
            String k = kv[0];
            String v = kv[1];
            if (k.equals("match")) {
                return false;
            }
            if (k.equals("include")) {
                if (depth > 5) {
                    continue;
                }
                for (String pattern : v.split("\\s+")) {
                    for (String p : expand(ctx, pattern)) {
                        FileContent inc = ctx.files().read(p);
                        if (inc.ok() && !readConfig(ctx, inc.text(), m, ports, depth + 1)) {
                            return false;
                        }
                    }
                }
                continue;
            }
            if (k.equals("port")) {
                try {
                    ports.add(Integer.parseInt(v.strip()));
                } catch (NumberFormatException ignored) {
                    // invalid port: sshd would refuse to start
                }
                continue;
            }
            if (k.equals("challengeresponseauthentication")) {
                k = "kbdinteractiveauthentication"; // deprecated alias
            }
            m.putIfAbsent(k, v);
        }
        return true;
    }

    /** Pure: {@code Keyword value} or {@code Keyword=value} lines, keyword lowercased, comments dropped. */
    static List<String[]> parseConfigLines(String text) {
        List<String[]> out = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String t = raw.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] kv = t.split("[\\s=]+", 2);
            if (kv.length < 2) {
                continue;
            }
            String v = kv[1].strip();
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                v = v.substring(1, v.length() - 1);
            }
            out.add(new String[]{kv[0].toLowerCase(Locale.ROOT), v});
        }
        return out;
    }

    /** Include paths: relative ones are under /etc/ssh; a glob in the file name is matched against the folder. */
    static List<String> expand(CollectContext ctx, String pattern) {
        String p = pattern.startsWith("/") ? pattern : "/etc/ssh/" + pattern;
        int slash = p.lastIndexOf('/');
        String dir = p.substring(0, slash);
        String name = p.substring(slash + 1);
        if (!name.contains("*") && !name.contains("?") && !name.contains("[")) {
            return List.of(p);
        }
        PathMatcher pm;
        try {
            pm = FileSystems.getDefault().getPathMatcher("glob:" + name);
        } catch (java.util.regex.PatternSyntaxException e) {
            // a malformed glob ("[" never closed): glob(3) takes it literally, so does this (found by fuzzing)
            return List.of(p);
        }
        List<String> out = new ArrayList<>();
        for (String n : ctx.files().list(dir)) {
            if (matches(pm, n)) {
                out.add(dir + "/" + n);
            }
        }
        return out; // sorted by HostFiles.list, as sshd sorts glob results
    }

    private static boolean matches(PathMatcher pm, String name) {
        try {
            return pm.matches(Path.of(name));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** Pure: OpenSSH defaults for the settings we report (sshd_config(5), OpenSSH ≥ 8.7). */
    static Map<String, String> withDefaults(Map<String, String> fileSettings, List<Integer> ports) {
        Map<String, String> m = new LinkedHashMap<>(fileSettings);
        m.putIfAbsent("passwordauthentication", "yes");
        m.putIfAbsent("kbdinteractiveauthentication", "yes");
        m.putIfAbsent("permitrootlogin", "prohibit-password");
        StringBuilder sb = new StringBuilder();
        for (Integer p : ports) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(p);
        }
        m.put("port", ports.isEmpty() ? "22" : sb.toString());
        return m;
    }

    static List<Integer> ports(Map<String, String> settings) {
        List<Integer> out = new ArrayList<>();
        for (String p : settings.getOrDefault("port", "22").split(",")) {
            try {
                int n = Integer.parseInt(p.strip());
                if (!out.contains(n)) {
                    out.add(n);
                }
            } catch (NumberFormatException ignored) {
                // skip
            }
        }
        return out;
    }

    static Boolean yes(String v) {
        if (v == null) {
            return null;
        }
        String t = v.strip().toLowerCase(Locale.ROOT);
        if (t.equals("yes")) {
            return true;
        }
        if (t.equals("no")) {
            return false;
        }
        return null;
    }

    static String normalizeRootLogin(String v) {
        if (v == null) {
            return null;
        }
        String t = v.strip().toLowerCase(Locale.ROOT);
        return t.equals("without-password") ? "prohibit-password" : t;
    }
}
