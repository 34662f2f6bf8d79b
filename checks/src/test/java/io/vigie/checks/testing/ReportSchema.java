package io.vigie.checks.testing;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.fail;

/** Validates report JSON against the shipped report schema (test helper shared through the test-jar). */
public final class ReportSchema {

    public static final String RESOURCE = "/io/vigie/checks/report/report.schema.json";

    private static final Validator VALIDATOR = load();

    private ReportSchema() {
    }

    private static Validator load() {
        try (InputStream in = ReportSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("report schema missing: " + RESOURCE);
            }
            JsonObject schema = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return Validator.create(JsonSchema.of(schema),
                    new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://vigie.invalid/schemas/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The validation result of {@code json} (a JSON object). */
    public static OutputUnit validate(String json) {
        return VALIDATOR.validate(new JsonObject(json));
    }

    public static void assertValid(String json) {
        OutputUnit out = validate(json);
        if (!out.getValid()) {
            fail("report does not match the schema: " + out.getErrors());
        }
    }
}
