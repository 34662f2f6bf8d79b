package io.vigie.checks.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.json.Json;
import io.vigie.checks.report.Severity;
import io.vigie.checks.report.Verdict;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The rule fixtures of the checks module, for any module's tests (through the checks test-jar).
 * A fixture is {@code rules/<RULE-ID>/<kind>.json} on the test class path:
 * {@code {"now": "<instant>", "facts": {<key>: <fact as the report holds it>}, "expect": {"verdict", "reason",
 * "severity"}}}; kinds are at least {@code pass}, {@code fail} and {@code unknown}.
 */
public final class RuleFixtures {

    /** Where fixtures live on the class path. */
    public static final String ROOT = "rules";

    /** What a fixture says the judge must answer. {@code severity} only for FAIL. */
    public record Expect(Verdict verdict, String reason, Severity severity) {
    }

    /** A whole fixture. */
    public record Fixture(String ruleId, String kind, Instant now, Snapshot snapshot, Expect expect) {
    }

    private RuleFixtures() {
    }

    /** The snapshot of one fixture, e.g. {@code load("VIG-UPD-001", "fail")}. */
    public static Snapshot load(String ruleId, String kind) {
        return fixture(ruleId, kind).snapshot();
    }

    /** One fixture with its clock and expectation. */
    public static Fixture fixture(String ruleId, String kind) {
        String path = "/" + ROOT + "/" + ruleId + "/" + kind + ".json";
        try (InputStream in = RuleFixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no rule fixture " + path);
            }
            JsonNode root = Json.mapper().readTree(in);
            JsonNode facts = root.get("facts");
            if (facts == null || !facts.isObject()) {
                throw new IllegalArgumentException(path + ": 'facts' must be an object");
            }
            Snapshot snapshot = Snapshot.of(Json.facts(facts));
            Instant now = Instant.parse(required(root, "now", path).asText());
            JsonNode e = required(root, "expect", path);
            Expect expect = new Expect(Verdict.valueOf(required(e, "verdict", path).asText()),
                    required(e, "reason", path).asText(),
                    e.hasNonNull("severity") ? Severity.parse(e.get("severity").asText()) : null);
            return new Fixture(ruleId, kind, now, snapshot, expect);
        } catch (IOException ex) {
            throw new UncheckedIOException("rule fixture unreadable: " + path, ex);
        }
    }

    private static JsonNode required(JsonNode node, String field, String path) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException(path + ": missing '" + field + "'");
        }
        return n;
    }
}
