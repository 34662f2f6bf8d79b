package io.vigie.agent.discover;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.checks.json.Json;
import io.vigie.checks.report.LanDevice;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Guesses what a device is from its SNMP description, its open ports and its MAC vendor. The words and
 * weights' meaning live in {@code device-classes.json}; this class only scores, matching whole words (never a
 * substring of a longer word). Pure.
 */
public final class DeviceClassifier {

    public static final String UNKNOWN = LanDevice.UNKNOWN_CLASS;

    record ClassRule(String name, List<String> sysDescr, List<String> sysObjectId, List<Integer> ports, List<String> vendor) {
    }

    private static final DeviceClassifier DEFAULT = load();

    private final List<ClassRule> rules;

    DeviceClassifier(List<ClassRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static DeviceClassifier defaults() {
        return DEFAULT;
    }

    private static DeviceClassifier load() {
        try (InputStream in = DeviceClassifier.class.getResourceAsStream("device-classes.json")) {
            if (in == null) {
                throw new IllegalStateException("device-classes.json missing");
            }
            List<ClassRule> rules = new ArrayList<>();
            for (JsonNode c : Json.mapper().readTree(in).get("classes")) {
                rules.add(new ClassRule(c.get("class").asText(), words(c.get("sysDescr")), words(c.get("sysObjectID")),
                        ints(c.get("ports")), words(c.get("vendor"))));
            }
            return new DeviceClassifier(rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> words(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null) {
            n.forEach(w -> out.add(w.asText().toLowerCase(Locale.ROOT)));
        }
        return out;
    }

    private static List<Integer> ints(JsonNode n) {
        List<Integer> out = new ArrayList<>();
        if (n != null) {
            n.forEach(w -> out.add(w.asInt()));
        }
        return out;
    }

    List<String> classes() {
        return rules.stream().map(ClassRule::name).toList();
    }

    /**
     * @param vendor    MAC vendor or null
     * @param snmp      SNMP answers (keys {@code sysDescr}, {@code sysObjectID}), possibly empty
     * @param openPorts open TCP ports
     * @return a class name from the data file, or {@value #UNKNOWN}
     */
    public String classify(String vendor, Map<String, String> snmp, Collection<Integer> openPorts) {
        String descr = lower(snmp == null ? null : snmp.get("sysDescr"));
        String oid = snmp == null ? null : snmp.get("sysObjectID");
        String vend = lower(vendor);
        String best = UNKNOWN;
        int bestScore = 0;
        for (ClassRule r : rules) {
            int score = 0;
            if (descr != null && r.sysDescr().stream().anyMatch(w -> containsWord(descr, w))) {
                score += 3;
            }
            if (oid != null && r.sysObjectId().stream().anyMatch(p -> oid.equals(p) || oid.startsWith(p + "."))) {
                score += 3;
            }
            if (r.ports().stream().anyMatch(openPorts::contains)) {
                score += 2;
            }
            if (vend != null && r.vendor().stream().anyMatch(w -> containsWord(vend, w))) {
                score += 1;
            }
            if (score > bestScore) {
                best = r.name();
                bestScore = score;
            }
        }
        return best;
    }

    /**
     * Pure: {@code word} occurs in {@code text} as a whole word (both lower case): not preceded by a letter or digit,
     * and not followed by one unless the word ends with a separator such as {@code -}, which marks a model prefix
     * ({@code hl-} matches "HL-L2350DW" but not "xhl-2" nor "dhl"). Phrases ("ip camera") work the same way.
     */
    static boolean containsWord(String text, String word) {
        String w = word.strip();
        if (w.isEmpty()) {
            return false;
        }
        boolean prefix = !Character.isLetterOrDigit(w.charAt(w.length() - 1));
        int from = 0;
        while (true) {
            int i = text.indexOf(w, from);
            if (i < 0) {
                return false;
            }
            int end = i + w.length();
            boolean startOk = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
            boolean endOk = prefix || end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
            if (startOk && endOk) {
                return true;
            }
            from = i + 1;
        }
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
