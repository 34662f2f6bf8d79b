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
 * weights' meaning live in {@code device-classes.json}; this class only scores. Pure.
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
            if (descr != null && r.sysDescr().stream().anyMatch(descr::contains)) {
                score += 3;
            }
            if (oid != null && r.sysObjectId().stream().anyMatch(p -> oid.equals(p) || oid.startsWith(p + "."))) {
                score += 3;
            }
            if (r.ports().stream().anyMatch(openPorts::contains)) {
                score += 2;
            }
            if (vend != null && r.vendor().stream().anyMatch(vend::contains)) {
                score += 1;
            }
            if (score > bestScore) {
                best = r.name();
                bestScore = score;
            }
        }
        return best;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
