package io.vigie.console.report;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.FactStatus;
import io.vigie.checks.fact.Reason;
import io.vigie.checks.json.Json;
import io.vigie.checks.report.LanDiscovery;
import io.vigie.checks.report.Report;
import io.vigie.console.SampleReports;
import io.vigie.console.intake.ReportValidator;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code report.schema.json} describes reports exactly as {@code Json.mapper()} writes them. */
class ReportSchemaTest {

    static final JsonObject SCHEMA = load();

    static JsonObject load() {
        try (InputStream in = Report.class.getResourceAsStream("/io/vigie/checks/report/report.schema.json")) {
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static final ReportValidator INGEST = new ReportValidator();

    /**
     * Validates with vertx-json-schema, and checks that the console's ingestion validator (networknt, same schema
     * file) reaches the same verdict.
     */
    static OutputUnit validate(Object report) throws Exception {
        String json = report instanceof String s ? s : Json.mapper().writeValueAsString(report);
        Validator v = Validator.create(JsonSchema.of(SCHEMA), new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
                .setBaseUri("https://vigie.io/schemas/").setOutputFormat(OutputFormat.Basic));
        OutputUnit out = v.validate(new JsonObject(json));
        List<ReportValidator.Problem> problems = INGEST.validate(Json.mapper().readTree(json), 10);
        assertEquals(out.getValid(), problems.isEmpty(), "both validators agree: " + problems + " / " + out.getErrors());
        return out;
    }

    static Report with(Map<String, Fact<?>> facts) {
        Report r = SampleReports.report(UUID.randomUUID(), UUID.randomUUID());
        return new Report(r.schemaVersion(), r.reportId(), r.deviceId(), r.hostname(), r.platform(), r.agentVersion(),
                r.catalogueVersion(), r.startedAt(), r.finishedAt(), facts, r.findings(), r.lan());
    }

    @Test
    void everyFactKeyHasAValueShapeInTheSchema() {
        TreeSet<String> described = new TreeSet<>(SCHEMA.getJsonObject("properties").getJsonObject("facts")
                .getJsonObject("properties").fieldNames());
        TreeSet<String> known = new TreeSet<>(FactKeys.all().stream().map(FactKey::name).toList());
        assertEquals(known, described, "report.schema.json must describe every FactKeys entry");
    }

    @Test
    void aReportWithEveryFactOkIsValid() throws Exception {
        OutputUnit out = validate(with(SampleReports.allFactsOk()));
        assertTrue(out.getValid(), () -> String.valueOf(out.getErrors()));
    }

    @Test
    void theSampleReportWithFindingsLanAndAnUnknownFactIsValid() throws Exception {
        OutputUnit out = validate(SampleReports.report(UUID.randomUUID(), UUID.randomUUID()));
        assertTrue(out.getValid(), () -> String.valueOf(out.getErrors()));
    }

    @Test
    void everyStatusAndAFutureFactKeyAreValid() throws Exception {
        Map<String, Fact<?>> facts = new LinkedHashMap<>();
        facts.put("remote.rdp", Fact.notApplicable(FactKeys.REMOTE_RDP, "platform", SampleReports.AT,
                Reason.of(Reason.NOT_SUPPORTED)));
        facts.put("backup.status", Fact.error(FactKeys.BACKUP_STATUS, "collector", SampleReports.AT,
                Reason.of(Reason.COLLECTOR_ERROR, "NullPointerException")));
        facts.put("future.fact", new Fact<>("future.fact", FactStatus.OK, Reason.of(Reason.COLLECTED), "x", null,
                Map.of("anything", List.of(1, 2))));
        Report r = with(facts);
        Report minimal = new Report(1, r.reportId(), r.deviceId(), "h", "linux", "0.1.0", null, r.startedAt(),
                r.finishedAt(), facts, null, LanDiscovery.notPerformed());
        OutputUnit out = validate(minimal);
        assertTrue(out.getValid(), () -> String.valueOf(out.getErrors()));
    }

    @Test
    void brokenReportsFail() throws Exception {
        JsonObject good = new JsonObject(Json.mapper().writeValueAsString(SampleReports.report(UUID.randomUUID(),
                UUID.randomUUID())));
        List<JsonObject> broken = List.of(
                copy(good, o -> o.remove("facts")),
                copy(good, o -> o.put("schemaVersion", 2)),
                copy(good, o -> o.put("reportId", "not-a-uuid")),
                copy(good, o -> o.put("startedAt", "yesterday")),
                copy(good, o -> o.getJsonObject("facts").getJsonObject("os.identity").put("status", "MAYBE")),
                copy(good, o -> o.getJsonObject("facts").getJsonObject("os.identity").remove("value")),
                copy(good, o -> o.getJsonObject("facts").getJsonObject("accounts.passwords").put("value", new JsonObject())),
                copy(good, o -> o.getJsonObject("facts").getJsonObject("os.identity").put("key", "patch.status")),
                copy(good, o -> o.getJsonObject("facts").getJsonObject("net.listeners").getJsonObject("value")
                        .getJsonArray("listeners").getJsonObject(0).put("port", 70000)),
                copy(good, o -> o.getJsonObject("facts").getJsonObject("patch.status").getJsonObject("value")
                        .put("securityPending", "3")),
                copy(good, o -> o.getJsonArray("findings").getJsonObject(0).put("verdict", "MAYBE")),
                copy(good, o -> o.getJsonArray("findings").getJsonObject(0).put("severity", "HIGH")));
        for (JsonObject b : broken) {
            assertFalse(validate(b.encode()).getValid(), "should be invalid: " + b.encode().substring(0, 200));
        }
    }

    private static JsonObject copy(JsonObject o, java.util.function.Consumer<JsonObject> change) {
        JsonObject c = o.copy();
        change.accept(c);
        return c;
    }
}
