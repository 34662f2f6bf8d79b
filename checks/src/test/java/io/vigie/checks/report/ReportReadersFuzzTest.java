package io.vigie.checks.report;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigie.checks.eol.EolCatalogue;
import io.vigie.checks.json.Json;
import io.vigie.checks.rule.Catalogue;
import io.vigie.checks.rule.Judge;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Fuzzing of what reads reports from outside (issue 14): the JSON report reader (what the console reads from an
 * agent) and the offline report file reader (the envelope of {@code vigie check --out}, imported by hand). Plain
 * {@code mvn test} replays the corpus in {@code src/test/resources/io/vigie/checks/report/ReportReadersFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1} fuzzes ({@code bench/fuzz/run.sh}).
 *
 * <p>Contract: the report reader refuses bad input with an {@link IOException} (Jackson's), nothing else; a report
 * it accepts can be judged by every rule without an exception escaping (a rule that fails is a {@code rule_error}
 * finding). The file reader refuses with an {@link IllegalArgumentException} that says why; an envelope it
 * accepts can be checked for integrity without an exception.
 */
class ReportReadersFuzzTest {

    private static final Judge JUDGE = new Judge(Catalogue.builtin(), EolCatalogue.load(),
            Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));

    @FuzzTest(maxDuration = "30s")
    void reportJson(byte[] data) {
        Report r;
        try {
            r = Json.mapper().readValue(data, Report.class);
        } catch (IOException refused) {
            return;
        }
        if (r != null && r.facts() != null) {
            JUDGE.judge(r.snapshot());
        }
    }

    @FuzzTest(maxDuration = "30s")
    void reportFile(byte[] data) {
        ReportFile.Envelope e;
        try {
            e = ReportFile.parse(data);
        } catch (IllegalArgumentException refused) {
            if (refused.getClass() != IllegalArgumentException.class) {
                throw refused;
            }
            return;
        }
        ReportFile.checksumMatches(e);
        ReportFile.signatureMatches(e, ReportFile.deviceKey("fuzz-device-secret"));
    }
}
