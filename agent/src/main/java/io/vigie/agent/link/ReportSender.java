package io.vigie.agent.link;

import io.vigie.agent.link.ConsoleClient.SendResult;
import io.vigie.agent.link.ConsoleException.Kind;
import io.vigie.checks.report.Report;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Sends a report to the console this machine is enrolled with: what {@code vigie check --send} calls.
 * Direct HTTPS POST, gzip; failures come back as a {@link ConsoleException} with a message for people.
 */
public final class ReportSender {

    private final ConsoleClient client;

    public ReportSender() {
        this(new ConsoleClient());
    }

    public ReportSender(ConsoleClient client) {
        this.client = client;
    }

    /** Sends with a default client. */
    public static SendResult send(Path stateDir, Report report) throws ConsoleException {
        return new ReportSender().sendReport(stateDir, report);
    }

    public SendResult sendReport(Path stateDir, Report report) throws ConsoleException {
        Enrollment e;
        try {
            e = Enrollment.load(stateDir).orElseThrow(() -> new ConsoleException(Kind.NOT_ENROLLED, null, 0, null,
                    "no " + Enrollment.FILE + " in " + stateDir, null));
        } catch (IOException io) {
            throw new ConsoleException(Kind.NOT_ENROLLED, null, 0, null, io.getMessage(), io);
        }
        return client.send(e, report);
    }
}
