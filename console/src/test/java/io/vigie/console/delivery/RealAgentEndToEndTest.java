package io.vigie.console.delivery;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vigie.checks.json.Json;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.Report;
import io.vigie.checks.rule.Catalogue;
import io.vigie.console.AgentCli;
import io.vigie.console.AgentCli.Run;
import io.vigie.console.TestDatabases;
import io.vigie.console.TestDatabases.Backend;
import io.vigie.console.TestDatabases.TestDb;
import io.vigie.console.api.ConsoleFixture;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real agent — its command line, checking this machine — enrolls and sends its report to a console on
 * SQLite and on PostgreSQL; the console's re-judged findings are then readable through the REST API, in plain
 * words, and agree with the agent's own verdicts (same catalogue, same facts).
 */
@ExtendWith(VertxExtension.class)
@EnabledOnOs(OS.LINUX)
class RealAgentEndToEndTest {

    @TempDir
    Path tmp;

    Run vigie(String... args) {
        return AgentCli.run(tmp.resolve("home"), args);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theRealAgentEnrollsSendsAndItsFindingsAreReadable(Backend backend, Vertx vertx) throws Exception {
        try (TestDb db = TestDatabases.create(backend, tmp);
             ConsoleFixture c = new ConsoleFixture(vertx, db.url(), tmp)) {
            // the console judges at its own clock: bring it to the agent's time, so both judge the same day
            c.clock.advance(Duration.between(c.clock.instant(), Instant.now()));
            Path state = tmp.resolve("state");
            Run enroll = vigie("enroll", "--console", c.server.localUrl(), "--code", c.code(c.tokenA, c.a1),
                    "--state-dir", state.toString());
            assertEquals(0, enroll.code(), enroll.err());

            Run check = vigie("check", "--json", "--send", "--state-dir", state.toString());
            assertEquals(0, check.code(), check.err());
            Report sent = Json.mapper().readValue(check.out(), Report.class);
            assertEquals(1L, c.counts().get("reports"));

            // read back as the organisation's customer viewer, in English
            JsonObject read = c.get("/api/v1/reports/" + sent.reportId() + "/findings?lang=en", c.tokenViewerA1)
                    .send().await().bodyAsJsonObject();
            assertEquals(Catalogue.builtin().version(), read.getString("catalogueVersion"));
            JsonArray findings = read.getJsonArray("findings");
            Set<String> ids = findings.stream().map(o -> ((JsonObject) o).getString("ruleId")).collect(Collectors.toSet());
            assertEquals(Catalogue.builtin().metadata().stream().map(m -> m.id()).collect(Collectors.toSet()), ids,
                    "every rule of the console's catalogue judged the stored facts");
            Map<String, String> agentVerdicts = sent.findings().stream()
                    .collect(Collectors.toMap(Finding::ruleId, f -> f.verdict().name()));
            for (Object o : findings) {
                JsonObject f = (JsonObject) o;
                assertNotNull(f.getString("title"), f.encode());
                assertFalse(f.getString("explanation", "").isBlank(), "explained in words: " + f.encode());
                assertFalse(f.getString("explanation").contains("{"), "no unfilled placeholder: " + f.encode());
                assertEquals(agentVerdicts.get(f.getString("ruleId")), f.getString("verdict"),
                        "same facts, same catalogue, same verdict: " + f.getString("ruleId"));
            }
            // another provider cannot read it
            assertEquals(404, c.get("/api/v1/reports/" + sent.reportId() + "/findings", c.tokenB).send().await()
                    .statusCode());
            assertTrue(check.err().contains("transmis"), check.err());
        }
    }
}
