package io.vigie.checks.rule.lan;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.vigie.checks.json.Json;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.LanDevice;
import io.vigie.checks.report.LanService;
import io.vigie.checks.report.Verdict;
import io.vigie.checks.rule.RuleMetadata;
import io.vigie.checks.rule.RuleText;
import io.vigie.checks.text.Lang;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Judges discovered LAN devices: remote access and risky services reachable, SNMP answering the factory
 * community, devices nobody can name. Pure: a device in, findings out (FAIL only; a device without
 * problems yields nothing). Rule ids, severities, thresholds and FR/EN texts live in
 * {@value #RESOURCE}, in the shape of the rule catalogue ({@link RuleMetadata}). Shared by the agent (its
 * {@code vigie discover} summary) and the console (LAN sections of its pages), which judge the report's
 * {@code lan} section the same way.
 */
public final class LanFindings {

    /** The fact key findings point at: the report's {@code lan} section. */
    public static final String FACT = "lan";

    public static final String RESOURCE = "/io/vigie/checks/rules/lan-rules.json";

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RuleFile(String version, List<RuleMetadata> rules) {
    }

    private static final LanFindings DEFAULT = load();

    private final String version;
    private final List<RuleMetadata> rules;

    LanFindings(String version, List<RuleMetadata> rules) {
        this.version = version;
        this.rules = List.copyOf(rules);
        for (RuleMetadata r : rules) {
            String kind = kind(r);
            if (!Set.of("openPort", "snmpDefaultCommunity", "unidentified").contains(kind)) {
                throw new IllegalArgumentException(r.id() + ": unknown kind " + kind);
            }
        }
    }

    public static LanFindings defaults() {
        return DEFAULT;
    }

    private static LanFindings load() {
        try (InputStream in = LanFindings.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing");
            }
            RuleFile f = Json.mapper().readValue(in, RuleFile.class);
            return new LanFindings(f.version(), f.rules());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String version() {
        return version;
    }

    public List<RuleMetadata> rules() {
        return rules;
    }

    public RuleMetadata rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no rule " + id));
    }

    /** The rule's texts in a language. */
    public RuleText text(String id, Lang lang) {
        return rule(id).text().get(lang.code());
    }

    /** The FAIL text of a finding, filled with its evidence. */
    public String failText(Finding f, Lang lang) {
        String t = text(f.ruleId(), lang).fail();
        for (Map.Entry<String, Object> e : f.evidence().entrySet()) {
            Object v = e.getValue();
            String s = v instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList()) : String.valueOf(v);
            t = t.replace("{" + e.getKey() + "}", s);
        }
        return t;
    }

    private static String kind(RuleMetadata r) {
        return String.valueOf(r.params().get("kind"));
    }

    private static String reason(RuleMetadata r) {
        return String.valueOf(r.params().get("reason"));
    }

    /** All findings for all devices, in device order then rule order. */
    public List<Finding> judge(List<LanDevice> devices) {
        List<Finding> out = new ArrayList<>();
        for (LanDevice d : devices) {
            out.addAll(judge(d));
        }
        return out;
    }

    public List<Finding> judge(LanDevice device) {
        Objects.requireNonNull(device, "device");
        List<Finding> out = new ArrayList<>();
        for (RuleMetadata r : rules) {
            Map<String, Object> evidence = switch (kind(r)) {
                case "openPort" -> openPort(r, device);
                case "snmpDefaultCommunity" -> snmpDefault(r, device);
                case "unidentified" -> unidentified(device);
                default -> throw new IllegalStateException(kind(r));
            };
            if (evidence != null) {
                out.add(new Finding(r.id(), Verdict.FAIL, r.severity(), r.theme(), reason(r), evidence, List.of(FACT)));
            }
        }
        return out;
    }

    private static Map<String, Object> openPort(RuleMetadata r, LanDevice d) {
        Set<Integer> wanted = new TreeSet<>();
        for (Object p : (List<?>) r.params().get("ports")) {
            wanted.add(((Number) p).intValue());
        }
        TreeSet<Integer> open = new TreeSet<>();
        for (LanService s : services(d)) {
            if ("tcp".equals(s.protocol()) && wanted.contains(s.port())) {
                open.add(s.port());
            }
        }
        if (open.isEmpty()) {
            return null;
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("address", d.address());
        ev.put("ports", List.copyOf(open));
        return ev;
    }

    private static Map<String, Object> snmpDefault(RuleMetadata r, LanDevice d) {
        Map<String, String> snmp = d.snmp();
        if (snmp == null || !"2c".equals(snmp.get("version"))) {
            return null;
        }
        String community = String.valueOf(r.params().get("community"));
        if (!community.equals(snmp.get("community"))) {
            return null;
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("address", d.address());
        ev.put("community", community);
        ev.put("sysDescr", snmp.getOrDefault("sysDescr", ""));
        if (snmp.containsKey("sysName")) {
            ev.put("sysName", snmp.get("sysName"));
        }
        return ev;
    }

    private static Map<String, Object> unidentified(LanDevice d) {
        boolean noVendor = d.vendor() == null || d.vendor().isBlank();
        boolean noClass = d.deviceClass() == null || LanDevice.UNKNOWN_CLASS.equals(d.deviceClass());
        boolean noSnmp = d.snmp() == null || d.snmp().isEmpty();
        if (!(noVendor && noClass && noSnmp)) {
            return null;
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("address", d.address());
        if (d.mac() != null) {
            ev.put("mac", d.mac());
            ev.put("randomMac", MacAddresses.locallyAdministered(d.mac()));
        }
        return ev;
    }

    private static List<LanService> services(LanDevice d) {
        return d.services() == null ? List.of() : d.services();
    }
}
