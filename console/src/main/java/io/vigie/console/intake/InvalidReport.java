package io.vigie.console.intake;

import java.util.List;

/** The report does not follow report.schema.json: answered like an OpenAPI validation failure, with details. */
public final class InvalidReport extends RuntimeException {

    private final transient List<ReportValidator.Problem> problems;

    InvalidReport(List<ReportValidator.Problem> problems) {
        super("the report does not follow the report schema: " + problems.get(0).location() + ": "
                + problems.get(0).error());
        this.problems = List.copyOf(problems);
    }

    /** At most ten problems, most useful first. */
    public List<ReportValidator.Problem> problems() {
        return problems;
    }
}
