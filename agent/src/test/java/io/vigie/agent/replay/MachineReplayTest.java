package io.vigie.agent.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.agent.collect.AgentConfig;
import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.host.Privilege;
import io.vigie.agent.platform.Platform;
import io.vigie.agent.platform.Platforms;
import io.vigie.agent.report.Checkup;
import io.vigie.checks.eol.EolCatalogue;
import io.vigie.checks.json.Json;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.Report;
import io.vigie.checks.rule.Catalogue;
import io.vigie.checks.rule.Judge;
import io.vigie.checks.report.Verdict;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every whole-machine recording under {@code src/test/resources/machines/}, replayed through the real collectors of
 * its platform at its recorded date ({@code machine.json} « now », a fixed clock), judged by the shipped rule
 * catalogue, and compared verdict by verdict with the machine's {@code expected-verdicts.json}.
 *
 * <p>A machine folder holds:
 * <ul>
 *   <li>{@code machine.json} and the {@code *.answer.json} raw answers ({@link Recording});</li>
 *   <li>{@code description.md}: what the machine is, where each recorded format comes from, and why each
 *       verdict is expected;</li>
 *   <li>{@code expected-verdicts.json}: written by hand from the description, never copied from a run —
 *       {@code {"verdicts": {"VIG-…": {"verdict": "FAIL", "reason": "code", "evidence": {"key": "text"},
 *       "issue24Item": 4}}}}. {@code reason} is compared when given; each {@code evidence} entry must be contained in
 *       the finding's evidence value of that key (what decided the verdict, when the verdict alone would pass for the
 *       wrong reason); {@code issue24Item} names the item of issue 24 the expectation depends on.</li>
 * </ul>
 * Every rule of the catalogue must have an expectation on every machine: a new rule fails this test until each
 * machine's file says what the rule must answer there.
 */
class MachineReplayTest {

    static final String EXPECTED = "expected-verdicts.json";
    static final String DESCRIPTION = "description.md";

    static Path root() {
        try {
            return Path.of(MachineReplayTest.class.getResource("/machines").toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no machines folder on the test classpath", e);
        }
    }

    /** Folders directly under {@code machines/} that hold a {@code machine.json}. */
    static List<Path> machines() {
        try (Stream<Path> s = Files.list(root())) {
            return s.filter(p -> Files.isRegularFile(p.resolve(Recording.MACHINE_FILE))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyMachineFolderIsComplete() {
        List<Path> machines = machines();
        assertTrue(machines.size() >= 7, "whole machines expected under " + root() + ", found " + machines);
        Set<String> platforms = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        try (Stream<Path> s = Files.list(root())) {
            for (Path d : s.filter(Files::isDirectory).sorted().toList()) {
                for (String f : List.of(Recording.MACHINE_FILE, DESCRIPTION, EXPECTED)) {
                    if (!Files.isRegularFile(d.resolve(f))) {
                        problems.add(d.getFileName() + ": missing " + f);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path m : machines) {
            try {
                Map<String, String> meta = Recording.load(m).machine();
                platforms.add(meta.get("platform"));
                for (String k : List.of("platform", "now", "provenance", "documentation", "hostname")) {
                    if (meta.get(k) == null || meta.get(k).isBlank()) {
                        problems.add(m.getFileName() + ": machine.json lacks « " + k + " »");
                    }
                }
            } catch (IOException e) {
                problems.add(m.getFileName() + ": " + e.getMessage());
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(platforms.containsAll(List.of("linux", "windows", "macos")), "every platform has a machine: " + platforms);
    }

    @TestFactory
    Stream<DynamicTest> everyVerdictIsTheExpectedOne() {
        List<Path> machines = machines();
        assertFalse(machines.isEmpty(), "no machine under " + root());
        return machines.stream().map(m -> DynamicTest.dynamicTest(m.getFileName().toString(), () -> {
            List<String> mismatches = compare(m);
            if (!mismatches.isEmpty()) {
                fail(mismatches.size() + " verdict(s) differ from " + m.getFileName() + "/" + EXPECTED + ":\n  "
                        + String.join("\n  ", mismatches));
            }
        }));
    }

    /** The comparison itself: every kind of difference is reported, all at once, naming machine and rule. */
    @Test
    void everyKindOfDifferenceIsReported(@TempDir Path tmp) throws IOException {
        Path src = root().resolve("windows-11-pro-fr-laptop");
        Path dir = Files.createDirectories(tmp.resolve("probe-machine"));
        try (Stream<Path> s = Files.list(src)) {
            for (Path f : s.toList()) {
                Files.copy(f, dir.resolve(f.getFileName().toString()));
            }
        }
        // a file that matches this replay exactly (here only: the real files are written by hand), then five faults
        com.fasterxml.jackson.databind.node.ObjectNode root = Json.mapper().createObjectNode();
        com.fasterxml.jackson.databind.node.ObjectNode v = root.putObject("verdicts");
        for (Finding f : replay(dir).findings()) {
            v.putObject(f.ruleId()).put("verdict", f.verdict().name()).put("reason", f.reason());
        }
        assertEquals(List.of(), compare(dir(dir, root)), "a file that matches the replay has no difference");
        v.remove("VIG-AV-002");                                                       // a rule without expectation
        v.putObject("VIG-OLD-001").put("verdict", "PASS");                            // a rule that no longer exists
        v.putObject("VIG-OS-001").put("verdict", "PASS").put("issue24Item", 2);       // wrong verdict
        v.putObject("VIG-FW-001").put("verdict", "PASS").put("reason", "firewall_off"); // wrong reason
        v.putObject("VIG-ACC-001").put("verdict", "FAIL").putObject("evidence").put("user", "someone-else");
        List<String> m = compare(dir(dir, root));
        assertEquals(5, m.size(), String.join("\n", m));
        assertTrue(m.stream().anyMatch(x -> x.startsWith("probe-machine VIG-AV-002: no expectation")), m.toString());
        assertTrue(m.stream().anyMatch(x -> x.startsWith("probe-machine VIG-OLD-001: expected PASS but the catalogue has no such rule")), m.toString());
        assertTrue(m.stream().anyMatch(x -> x.startsWith("probe-machine VIG-OS-001: expected PASS, actual FAIL")
                && x.endsWith("[depends on issue 24 item 2]")), m.toString());
        assertTrue(m.stream().anyMatch(x -> x.startsWith("probe-machine VIG-FW-001: expected PASS with reason firewall_off, actual reason firewall_on")), m.toString());
        assertTrue(m.stream().anyMatch(x -> x.startsWith("probe-machine VIG-ACC-001: expected FAIL with evidence user containing « someone-else »")), m.toString());
    }

    private static Path dir(Path dir, JsonNode expected) throws IOException {
        Json.mapper().writeValue(dir.resolve(EXPECTED).toFile(), expected);
        return dir;
    }

    /** One expectation of {@code expected-verdicts.json}. */
    record Expected(Verdict verdict, String reason, Map<String, String> evidence, Integer issue24Item) {
    }

    /** The machine as {@code vigie check --replay} sees it: same seams, same clock, same collectors and judge. */
    static Report replay(Path dir) throws IOException {
        Recording rec = Recording.load(dir);
        Map<String, String> meta = rec.machine();
        String now = meta.get("now");
        if (now == null) {
            throw new IllegalStateException(dir.getFileName() + ": machine.json must give the recorded date « now »");
        }
        Platform platform = Platform.parse(meta.get("platform"));
        Clock clock = Clock.fixed(Instant.parse(now), ZoneOffset.UTC);
        Privilege privilege = meta.get("privilege") == null ? Privilege.ADMIN : Privilege.valueOf(meta.get("privilege"));
        AgentConfig config = AgentConfig.defaults();
        CollectContext ctx = new CollectContext(Replay.commands(rec), Replay.files(rec), Replay.sockets(rec), clock,
                privilege, config);
        Checkup checkup = new Checkup(platform.id(), meta.getOrDefault("hostname", "replay"),
                UUID.nameUUIDFromBytes(dir.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "test");
        return checkup.run(Platforms.collectors(platform, config, null), ctx,
                new Judge(Catalogue.builtin(), EolCatalogue.load(), clock), name -> { });
    }

    static Map<String, Expected> expected(Path dir) throws IOException {
        JsonNode root = Json.mapper().readTree(dir.resolve(EXPECTED).toFile());
        JsonNode verdicts = root.get("verdicts");
        if (verdicts == null || !verdicts.isObject()) {
            throw new IllegalStateException(dir.getFileName() + "/" + EXPECTED + ": no « verdicts » object");
        }
        Map<String, Expected> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = verdicts.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            Set<String> known = Set.of("verdict", "reason", "evidence", "issue24Item");
            v.fieldNames().forEachRemaining(f -> {
                if (!known.contains(f)) {
                    throw new IllegalStateException(dir.getFileName() + " " + e.getKey() + ": unknown field « " + f + " »");
                }
            });
            if (!v.hasNonNull("verdict")) {
                throw new IllegalStateException(dir.getFileName() + " " + e.getKey() + ": no verdict");
            }
            Integer item = v.hasNonNull("issue24Item") ? v.get("issue24Item").asInt() : null;
            if (item != null && (item < 1 || item > 16)) {
                throw new IllegalStateException(dir.getFileName() + " " + e.getKey() + ": issue24Item " + item + " is not 1–16");
            }
            Map<String, String> evidence = new TreeMap<>();
            if (v.hasNonNull("evidence")) {
                v.get("evidence").fields().forEachRemaining(x -> evidence.put(x.getKey(), x.getValue().asText()));
            }
            out.put(e.getKey(), new Expected(Verdict.valueOf(v.get("verdict").asText()),
                    v.hasNonNull("reason") ? v.get("reason").asText() : null, evidence, item));
        }
        return out;
    }

    /** Every difference between the replayed machine's verdicts and its expected ones, in rule order. */
    static List<String> compare(Path dir) throws IOException {
        String machine = dir.getFileName().toString();
        Map<String, Expected> want = expected(dir);
        Report report = replay(dir);
        Map<String, Finding> got = new LinkedHashMap<>();
        report.findings().forEach(f -> got.put(f.ruleId(), f));
        List<String> out = new ArrayList<>();
        for (Finding f : got.values()) {
            Expected e = want.get(f.ruleId());
            String actual = f.verdict() + " (" + f.reason() + ") evidence " + f.evidence();
            if (e == null) {
                out.add(machine + " " + f.ruleId() + ": no expectation in " + EXPECTED + " (a new rule?) — actual "
                        + actual);
                continue;
            }
            String pending = e.issue24Item() == null ? "" : " [depends on issue 24 item " + e.issue24Item() + "]";
            if (e.verdict() != f.verdict()) {
                out.add(machine + " " + f.ruleId() + ": expected " + e.verdict()
                        + (e.reason() == null ? "" : " (" + e.reason() + ")") + ", actual " + actual + pending);
            } else if (e.reason() != null && !e.reason().equals(f.reason())) {
                out.add(machine + " " + f.ruleId() + ": expected " + e.verdict() + " with reason " + e.reason()
                        + ", actual reason " + f.reason() + " evidence " + f.evidence() + pending);
            } else {
                for (Map.Entry<String, String> x : e.evidence().entrySet()) {
                    Object have = f.evidence() == null ? null : f.evidence().get(x.getKey());
                    if (have == null || !String.valueOf(have).contains(x.getValue())) {
                        out.add(machine + " " + f.ruleId() + ": expected " + e.verdict() + " with evidence "
                                + x.getKey() + " containing « " + x.getValue() + " », actual " + actual + pending);
                    }
                }
            }
        }
        for (String id : want.keySet()) {
            if (!got.containsKey(id)) {
                out.add(machine + " " + id + ": expected " + want.get(id).verdict()
                        + " but the catalogue has no such rule (renamed or removed?)");
            }
        }
        return out;
    }
}
