package io.vigie.checks.rule;

import io.vigie.checks.eol.EolCatalogue;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Listener;
import io.vigie.checks.fact.Listeners;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.Verdict;
import io.vigie.checks.testing.RuleFixtures;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuleEdgeCasesTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final Judge judge = new Judge(Catalogue.builtin(), EolCatalogue.load(), Clock.fixed(NOW, ZoneOffset.UTC));

    private Finding finding(Snapshot s, String ruleId) {
        return judge.judge(s).stream().filter(f -> f.ruleId().equals(ruleId)).findFirst().orElseThrow();
    }

    private static Snapshot listening(Listener... ls) {
        return Snapshot.of(List.of(Fact.ok(FactKeys.NET_LISTENERS, "test", NOW, new Listeners(List.of(ls)))));
    }

    @Test
    void exposureFallsBackToTheBindAddressWhenAbsent() {
        assertEquals(Verdict.PASS, finding(listening(new Listener("tcp", "::1", 3389, null, null, null)), "VIG-RMT-002").verdict());
        assertEquals(Verdict.PASS, finding(listening(new Listener("tcp", "127.0.0.53", 3389, null, null, null)), "VIG-RMT-002").verdict());
        Finding f = finding(listening(new Listener("tcp", "::", 3389, null, null, null)), "VIG-RMT-002");
        assertEquals(Verdict.FAIL, f.verdict());
        assertEquals(List.of("[::]:3389/tcp"), f.evidence().get("sockets"));
    }

    @Test
    void udpPortsOnlyMatchUdpListeners() {
        // 137/udp is NetBIOS; a TCP socket on 137 is something else
        assertEquals(Verdict.PASS, finding(listening(new Listener("tcp", "0.0.0.0", 137, null, null, null)), "VIG-NET-001").verdict());
        assertEquals(Verdict.FAIL, finding(listening(new Listener("udp", "0.0.0.0", 137, null, null, null)), "VIG-NET-001").verdict());
    }

    @Test
    void missingFactsAreUnknownNeverPass() {
        for (Finding f : judge.judge(Snapshot.of(List.of()))) {
            assertEquals(Verdict.UNKNOWN, f.verdict(), f.ruleId());
            assertEquals(FactRule.FACT_MISSING, f.reason(), f.ruleId());
        }
    }

    @Test
    void fixturesAreLoadableByOtherModules() {
        Snapshot s = RuleFixtures.load("VIG-BAK-001", "fail");
        assertTrue(s.get(FactKeys.BACKUP_STATUS).orElseThrow().isOk());
        assertEquals(Verdict.FAIL, finding(s, "VIG-BAK-001").verdict());
    }
}
