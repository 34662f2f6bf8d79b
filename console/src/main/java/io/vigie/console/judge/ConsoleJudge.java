package io.vigie.console.judge;

import io.vigie.checks.eol.EolCatalogue;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.Report;
import io.vigie.checks.rule.Catalogue;
import io.vigie.checks.rule.Judge;

import java.time.Clock;
import java.util.List;

/** The console's own judgement: the built-in catalogue and end-of-life data, at the server's clock. */
public final class ConsoleJudge {

    private final Judge judge;

    public ConsoleJudge(Catalogue catalogue, EolCatalogue eol, Clock clock) {
        this.judge = new Judge(catalogue, eol, clock);
    }

    public static ConsoleJudge builtin(Clock clock) {
        return new ConsoleJudge(Catalogue.builtin(), EolCatalogue.load(), clock);
    }

    public String catalogueVersion() {
        return judge.catalogue().version();
    }

    public Catalogue catalogue() {
        return judge.catalogue();
    }

    public List<Finding> judge(Report report) {
        return judge.judge(report.snapshot());
    }
}
