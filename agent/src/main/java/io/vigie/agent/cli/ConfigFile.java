package io.vigie.agent.cli;

import io.vigie.agent.collect.AgentConfig;
import io.vigie.agent.link.Courier;
import io.vigie.agent.link.Spool;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Reads the operator's settings file ({@code --config FILE}), a plain {@code key = value} file:
 * <pre>
 * # folders where backups land (comma-separated)
 * backup.folders = /srv/backup, /mnt/nas/backup
 * command.timeout.seconds = 15
 * collector.timeout.seconds = 30
 * # delivery to the console (vigie check --send, vigie send, vigie service)
 * spool.maxReports = 200
 * spool.maxBytes = 64MB
 * send.maxAttempts = 4
 * </pre>
 * Unknown keys and bad values are refused with a message naming them, rather than silently ignored.
 */
final class ConfigFile {

    static final Set<String> KEYS = Set.of("backup.folders", "command.timeout.seconds", "collector.timeout.seconds",
            "spool.maxReports", "spool.maxBytes", "send.maxAttempts");

    /** The delivery settings of a settings file (defaults for what it does not say; null file: all defaults). */
    static Link.Settings delivery(Path file) throws IOException {
        if (file == null) {
            return Link.Settings.DEFAULTS;
        }
        read(file); // unknown keys are refused the same way
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Spool.Limits d = Spool.Limits.DEFAULTS;
        int maxReports = (int) number(p, "spool.maxReports", d.maxReports(), 1, 100_000);
        long maxBytes = number(p, "spool.maxBytes", d.maxBytes(), 64 * 1024, 1L << 40);
        int attempts = (int) number(p, "send.maxAttempts", Courier.Settings.DEFAULTS.maxAttempts(), 1, 20);
        Courier.Settings c = Courier.Settings.DEFAULTS;
        return new Link.Settings(new Spool.Limits(maxReports, maxBytes), new Courier.Settings(attempts, c.base(), c.max()));
    }

    /** A whole number, with an optional k/MB/g suffix for sizes. */
    private static long number(Properties p, String key, long dflt, long min, long max) {
        String v = p.getProperty(key);
        if (v == null) {
            return dflt;
        }
        String t = v.strip().toLowerCase(java.util.Locale.ROOT);
        long unit = 1;
        for (String[] u : new String[][] {{"kb", "1024"}, {"k", "1024"}, {"mb", "1048576"}, {"m", "1048576"},
                {"gb", "1073741824"}, {"g", "1073741824"}}) {
            if (t.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                t = t.substring(0, t.length() - u[0].length()).strip();
                break;
            }
        }
        try {
            long n = Math.multiplyExact(Long.parseLong(t), unit);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(key + " must be a whole number between " + min + " and " + max + ", not '" + v + "'");
        }
    }

    private ConfigFile() {
    }

    static AgentConfig read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        List<String> unknown = new ArrayList<>();
        for (String k : p.stringPropertyNames()) {
            if (!KEYS.contains(k)) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown setting(s) " + unknown + " in " + file + "; known: " + KEYS);
        }
        List<String> folders = new ArrayList<>();
        String f = p.getProperty("backup.folders");
        if (f != null) {
            Arrays.stream(f.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(folders::add);
        }
        return new AgentConfig(folders, seconds(p, "command.timeout.seconds"), seconds(p, "collector.timeout.seconds"));
    }

    private static Duration seconds(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            return null;
        }
        try {
            long s = Long.parseLong(v.strip());
            if (s < 1 || s > 3600) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number of seconds between 1 and 3600, not '" + v + "'");
        }
    }
}
