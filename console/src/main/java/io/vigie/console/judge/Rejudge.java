package io.vigie.console.judge;

import io.vigie.checks.json.Json;
import io.vigie.checks.report.Report;
import io.vigie.console.store.ReportToJudge;
import io.vigie.console.store.Store;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Judges stored reports again with the console's current catalogue (after a catalogue change). Each report gets a
 * new console verdict set; the older sets stay as history. Reports already judged with this catalogue version are
 * skipped unless {@code force}.
 */
public final class Rejudge {

    public record Result(int judged, int skipped, int unreadable) {
    }

    private static final int PAGE = 200;

    private Rejudge() {
    }

    public static Result run(Store store, ConsoleJudge judge, Clock clock, boolean force, Consumer<String> problems) {
        int judged = 0;
        int skipped = 0;
        int unreadable = 0;
        UUID after = null;
        while (true) {
            List<ReportToJudge> page = store.reports().reportsToJudge(after, PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (ReportToJudge r : page) {
                after = r.id();
                if (!force && judge.catalogueVersion().equals(r.latestConsoleCatalogue())) {
                    skipped++;
                    continue;
                }
                Report report;
                try {
                    report = Json.mapper().readValue(r.body(), Report.class);
                } catch (IOException | RuntimeException e) {
                    unreadable++;
                    problems.accept("report " + r.id() + " unreadable: " + e.getMessage());
                    continue;
                }
                store.reports().addConsoleVerdicts(r.id(), judge.catalogueVersion(), clock.instant(), judge.judge(report));
                judged++;
            }
        }
        return new Result(judged, skipped, unreadable);
    }
}
