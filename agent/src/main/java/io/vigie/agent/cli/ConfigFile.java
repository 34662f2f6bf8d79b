package io.vigie.agent.cli;

import io.vigie.agent.collect.AgentConfig;

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
 * </pre>
 * Unknown keys and bad values are refused with a message naming them, rather than silently ignored.
 */
final class ConfigFile {

    static final Set<String> KEYS = Set.of("backup.folders", "command.timeout.seconds", "collector.timeout.seconds");

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
