package io.vigie.console.api;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigie.agent.link.ConsoleClient.SendResult;
import io.vigie.agent.link.ConsoleException;
import io.vigie.agent.link.EnrollCommand;
import io.vigie.agent.link.Enrollment;
import io.vigie.agent.link.ReportSender;
import io.vigie.checks.report.Report;
import io.vigie.checks.text.Lang;
import io.vigie.console.SampleReports;
import io.vigie.console.TestDatabases;
import io.vigie.console.TestDatabases.Backend;
import io.vigie.console.TestDatabases.TestDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent's own classes (EnrollCommand, ReportSender) against a console started here on loopback. */
@ExtendWith(VertxExtension.class)
class AgentEndToEndTest {

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    static Run enroll(Path state, UUID deviceId, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new EnrollCommand(() -> state, () -> deviceId));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    void theAgentEnrollsAndSendsAReportToARealConsole(Vertx vertx) throws Exception {
        try (TestDb db = TestDatabases.create(Backend.SQLITE, tmp);
             ConsoleFixture c = new ConsoleFixture(vertx, db.url(), tmp)) {
            Path state = tmp.resolve("state");
            UUID deviceId = UUID.randomUUID();
            String code = c.code(c.tokenA, c.a1);

            Run run = enroll(state, deviceId, "--console", c.server.localUrl(), "--code", code);
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().contains("Poste inscrit"), run.out());
            Path file = state.resolve(Enrollment.FILE);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            Enrollment e = Enrollment.load(state).orElseThrow();
            assertEquals(deviceId, e.deviceId());
            assertEquals(c.a1.id(), e.organisationId());

            Report report = SampleReports.report(deviceId, UUID.randomUUID());
            SendResult sent = ReportSender.send(state, report);
            assertFalse(sent.alreadyStored());
            assertTrue(ReportSender.send(state, report).alreadyStored(), "a retry is harmless");
            JsonObject read = c.get("/api/v1/reports/" + report.reportId(), c.tokenViewerA1).send().await().bodyAsJsonObject();
            assertEquals(deviceId.toString(), read.getJsonObject("summary").getString("deviceId"));
            assertEquals(1L, c.counts().get("reports"));

            // the same code again: used
            Run reuse = enroll(tmp.resolve("other"), UUID.randomUUID(), "--console", c.server.localUrl(), "--code", code);
            assertEquals(1, reuse.exit());
            assertTrue(reuse.err().contains("déjà servi"), reuse.err());
            // an expired code, with English messages
            String late = c.code(c.tokenA, c.a1);
            c.clock.advance(Duration.ofDays(8));
            Run expired = enroll(tmp.resolve("other"), UUID.randomUUID(), "--console", c.server.localUrl(), "--code", late,
                    "--lang", "en");
            assertEquals(1, expired.exit());
            assertTrue(expired.err().contains("has expired"), expired.err());
            assertFalse(Files.exists(tmp.resolve("other").resolve(Enrollment.FILE)));

            // revoked on the console: the agent is told so, nothing stored
            assertEquals(204, c.post("/api/v1/devices/" + deviceId + "/revoke", c.tokenA).send().await().statusCode());
            ConsoleException revoked = assertThrows(ConsoleException.class,
                    () -> ReportSender.send(state, SampleReports.report(deviceId, UUID.randomUUID())));
            assertEquals(ConsoleException.Kind.DEVICE_REVOKED, revoked.kind());
            assertTrue(revoked.message(Lang.FR).contains("révoqué"), revoked.message(Lang.FR));
            assertEquals(1L, c.counts().get("reports"));
        }
    }
}
