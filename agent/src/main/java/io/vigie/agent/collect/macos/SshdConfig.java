package io.vigie.agent.collect.macos;

import io.vigie.agent.host.FileContent;
import io.vigie.agent.host.HostFiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The global settings of sshd_config(5) read from files, for when {@code sshd -T} cannot run (not root):
 * keywords are case-insensitive, the first value obtained wins, {@code Include} (relative to /etc/ssh, with
 * glob patterns) is expanded in place, and a {@code Match} block ends the global section.
 */
final class SshdConfig {

    static final String MAIN = "/etc/ssh/sshd_config";

    /** Lower-case keyword → first value; null when a file could not be read. */
    static Map<String, String> read(HostFiles files) {
        Map<String, String> out = new LinkedHashMap<>();
        FileContent main = files.read(MAIN);
        if (main.state() == FileContent.State.ABSENT) {
            return out; // no file: compiled-in defaults apply
        }
        if (!main.ok()) {
            return null;
        }
        return parse(files, main.text(), out, 0) ? out : null;
    }

    /** @return false when an included file could not be read */
    private static boolean parse(HostFiles files, String text, Map<String, String> out, int depth) {
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] kv = line.split("[\\s=]+", 2);
            String key = kv[0].toLowerCase(Locale.ROOT);
            String value = kv.length > 1 ? kv[1].strip() : "";
            if (key.equals("match")) {
                return true; // everything after a Match line is conditional
            }
            if (key.equals("include") && depth < 8) {
                for (String pattern : value.split("\\s+")) {
                    for (String path : expand(files, pattern)) {
                        FileContent f = files.read(path);
                        if (f.state() == FileContent.State.ABSENT) {
                            continue;
                        }
                        if (!f.ok() || !parse(files, f.text(), out, depth + 1)) {
                            return false;
                        }
                    }
                }
                continue;
            }
            out.putIfAbsent(key, value);
        }
        return true;
    }

    static List<String> expand(HostFiles files, String pattern) {
        String p = pattern.startsWith("/") ? pattern : "/etc/ssh/" + pattern;
        int slash = p.lastIndexOf('/');
        String dir = p.substring(0, slash);
        String glob = p.substring(slash + 1);
        if (!glob.contains("*") && !glob.contains("?")) {
            return List.of(p);
        }
        Pattern re = Pattern.compile(glob.replace(".", "\\.").replace("?", ".").replace("*", ".*"));
        List<String> out = new ArrayList<>();
        for (String name : files.list(dir)) {
            if (re.matcher(name).matches()) {
                out.add(dir + "/" + name);
            }
        }
        return out;
    }

    /** {@code sshd -T}: one lower-case "keyword value" per line. */
    static Map<String, String> parseEffective(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String raw : text.split("\\R")) {
            String[] kv = raw.strip().split("\\s+", 2);
            if (kv.length == 2) {
                out.putIfAbsent(kv[0].toLowerCase(Locale.ROOT), kv[1].strip());
            }
        }
        return out;
    }

    static Boolean yes(String v) {
        if (v == null) {
            return null;
        }
        String t = v.toLowerCase(Locale.ROOT);
        return t.equals("yes") ? Boolean.TRUE : t.equals("no") ? Boolean.FALSE : null;
    }

    private SshdConfig() {
    }
}
