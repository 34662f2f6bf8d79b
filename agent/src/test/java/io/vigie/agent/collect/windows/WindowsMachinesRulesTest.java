package io.vigie.agent.collect.windows;

import io.vigie.checks.eol.EolCatalogue;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.Verdict;
import io.vigie.checks.rule.Catalogue;
import io.vigie.checks.rule.Judge;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The rule catalogue's verdicts on the replayed Windows machines (judged at the machines' date). */
class WindowsMachinesRulesTest {

    static Map<String, Finding> findings(String machine) throws Exception {
        Judge judge = new Judge(Catalogue.builtin(), EolCatalogue.load(),
                Clock.fixed(WindowsTestSupport.DEFAULT_NOW, ZoneOffset.UTC));
        List<Finding> f = judge.judge(WindowsMachinesTest.replay(machine));
        return f.stream().collect(Collectors.toMap(Finding::ruleId, x -> x));
    }

    static void verdict(Map<String, Finding> f, String rule, Verdict v) {
        Finding x = f.get(rule);
        assertEquals(v, x == null ? null : x.verdict(), rule + ": " + (x == null ? "absent" : x.reason() + " " + x.evidence()));
    }

    @Test
    void frenchWindows11ProLaptop() throws Exception {
        var f = findings("windows-11-pro-fr-laptop");
        // Windows 11 24H2 Home/Pro left security support on 2026-10-13: at 2026-11-22 it is end of life.
        verdict(f, "VIG-OS-001", Verdict.FAIL);
        verdict(f, "VIG-ACC-001", Verdict.FAIL);
        verdict(f, "VIG-ACC-003", Verdict.PASS);
        verdict(f, "VIG-ACC-008", Verdict.PASS);
        verdict(f, "VIG-ENC-001", Verdict.PASS);
        verdict(f, "VIG-BAK-001", Verdict.FAIL);
        verdict(f, "VIG-UPD-002", Verdict.PASS);
        verdict(f, "VIG-RMT-002", Verdict.PASS);
        verdict(f, "VIG-NET-004", Verdict.PASS);
        verdict(f, "VIG-FW-001", Verdict.PASS);
        verdict(f, "VIG-AV-001", Verdict.PASS);
    }

    @Test
    void windowsServer2019FileServer() throws Exception {
        var f = findings("windows-server-2019-fileserver");
        verdict(f, "VIG-OS-001", Verdict.PASS);
        verdict(f, "VIG-BAK-001", Verdict.PASS);
        verdict(f, "VIG-BAK-002", Verdict.PASS);
        verdict(f, "VIG-RMT-009", Verdict.PASS);
        verdict(f, "VIG-RMT-002", Verdict.FAIL);
        verdict(f, "VIG-ACC-004", Verdict.FAIL);
        verdict(f, "VIG-ENC-001", Verdict.FAIL);
        verdict(f, "VIG-NET-004", Verdict.PASS);
        verdict(f, "VIG-FW-001", Verdict.PASS);
        verdict(f, "VIG-AV-001", Verdict.PASS);
    }

    @Test
    void windows10EndOfLifePc() throws Exception {
        var f = findings("windows-10-22h2-eol-pc");
        verdict(f, "VIG-OS-001", Verdict.FAIL);
        verdict(f, "VIG-RMT-009", Verdict.FAIL);
        verdict(f, "VIG-RMT-002", Verdict.FAIL);
        verdict(f, "VIG-RMT-006", Verdict.FAIL);
        verdict(f, "VIG-ACC-003", Verdict.FAIL);
        verdict(f, "VIG-ACC-006", Verdict.FAIL);
        verdict(f, "VIG-ACC-008", Verdict.FAIL);
        verdict(f, "VIG-BAK-001", Verdict.FAIL);
        verdict(f, "VIG-ENC-001", Verdict.FAIL);
        verdict(f, "VIG-FW-001", Verdict.FAIL);
        verdict(f, "VIG-AV-001", Verdict.PASS);
    }
}
