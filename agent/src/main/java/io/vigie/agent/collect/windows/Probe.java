package io.vigie.agent.collect.windows;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.checks.fact.Reason;

/**
 * The interpreted answer of one probe: its JSON root, or the reason there is none (then every fact that depends
 * on it is UNKNOWN with that reason).
 */
record Probe(String name, String source, JsonNode root, Reason failure) {

    static Probe failed(String name, String source, Reason reason) {
        return new Probe(name, source, null, reason);
    }

    boolean ok() {
        return failure == null;
    }

    JsonNode meta() {
        return root == null ? null : root.get("vigie");
    }

    /** Whether the probe ran elevated (member of S-1-5-32-544 with an elevated token); null when not said. */
    Boolean elevated() {
        return Nodes.bool(meta(), "elevated");
    }

    /** One section: its value, or the reason it is unavailable (its own error, or missing). */
    Section section(String field) {
        JsonNode n = root == null ? null : root.get(field);
        if (n == null) {
            return new Section(null, Reason.of(Reason.UNPARSABLE_OUTPUT, "probe " + name + ": no section " + field), null);
        }
        ProbeError e = ProbeError.of(n);
        if (e != null) {
            return new Section(null, e.reason(name + "/" + field), e);
        }
        return new Section(n.isNull() ? null : n, null, null);
    }

    /** A section's value or why it is missing. */
    record Section(JsonNode node, Reason failure, ProbeError error) {
        boolean ok() {
            return failure == null;
        }
    }
}
