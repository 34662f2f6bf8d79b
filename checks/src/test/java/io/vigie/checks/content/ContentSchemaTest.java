package io.vigie.checks.content;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The content files of this module (rule catalogue, end-of-life data, phrases) follow their JSON Schemas. */
class ContentSchemaTest {

    @ParameterizedTest
    @CsvSource({
            "/io/vigie/checks/rules/catalogue.json, /schema/catalogue.schema.json",
            "/io/vigie/checks/eol/eol.json, /schema/eol.schema.json",
            "/io/vigie/checks/text/reasons.json, /schema/phrases.schema.json",
            "/io/vigie/checks/text/themes.json, /schema/phrases.schema.json"
    })
    void contentFollowsItsSchema(String content, String schema) throws IOException {
        Validator validator = Validator.create(JsonSchema.of(read(schema)),
                new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://vigie.invalid/")
                        .setOutputFormat(OutputFormat.Basic));
        OutputUnit result = validator.validate(read(content));
        assertTrue(result.getValid(), content + ": " + result.getErrors());
    }

    @Test
    void schemasRejectBrokenContent() throws IOException {
        JsonObject badRule = new JsonObject().put("version", "2026.11.1")
                .put("rules", new JsonArray().add(new JsonObject().put("id", "VIG-X-1")));
        assertFalse(validator("/schema/catalogue.schema.json").validate(badRule).getValid());
        JsonObject badDate = new JsonObject().put("version", "1").put("source", "endoflife.date snapshot")
                .put("snapshotDate", "2026-08-22")
                .put("products", new JsonArray().add(new JsonObject().put("product", "debian").put("match", "major")
                        .put("cycles", new JsonArray().add(new JsonObject().put("cycle", "12").put("label", "Debian 12")
                                .put("securityEnd", "12/07/2026")))));
        assertFalse(validator("/schema/eol.schema.json").validate(badDate).getValid());
    }

    private static Validator validator(String schema) throws IOException {
        return Validator.create(JsonSchema.of(read(schema)),
                new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://vigie.invalid/"));
    }

    private static JsonObject read(String resource) throws IOException {
        try (InputStream in = ContentSchemaTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
