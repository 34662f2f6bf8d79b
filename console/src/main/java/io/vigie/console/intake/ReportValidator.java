package io.vigie.console.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigie.checks.json.Json;
import io.vigie.console.http.ApiException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.HashSet;
import java.util.Set;

/**
 * Validates an uploaded report against {@code report.schema.json} (draft 2020-12), the schema the OpenAPI
 * document references for {@code POST /api/v1/reports}. Runs on a worker thread, on the Jackson tree the report
 * is then read from (one parse per upload). networknt's validator is used here rather than vertx-json-schema:
 * on a 30 KB report it takes well under a millisecond where the latter takes about 10 ms, which capped
 * ingestion near 100 reports/s per core. Safe for concurrent use.
 */
public final class ReportValidator {

    public static final String RESOURCE = "/io/vigie/checks/report/report.schema.json";

    /** One problem: where in the report (JSON pointer) and what. */
    public record Problem(String location, String error) {
    }

    private final JsonSchema schema;
    private final int maxFindings;
    private final int maxListeners;
    private final int maxLanHosts;
    private final long maxUnknownBytes;
    private final Set<String> topLevel = new HashSet<>();
    private final Set<String> factKeys = new HashSet<>();

    /** Strict reading (UTF-8, no duplicate key, nothing after the report) and the default bounds. */
    public ReportValidator() {
        this(5_000, 10_000, 4_096, 64L * 1024);
    }

    /**
     * @param maxFindings     findings a report may carry
     * @param maxListeners    listening sockets ({@code facts.net.listeners.value.listeners})
     * @param maxLanHosts     hosts of the LAN section ({@code lan.devices})
     * @param maxUnknownBytes JSON bytes in top-level fields and fact keys the schema does not name (a newer agent's
     *                        additions are accepted, padding is not)
     */
    public ReportValidator(int maxFindings, int maxListeners, int maxLanHosts, long maxUnknownBytes) {
        this.maxFindings = maxFindings;
        this.maxListeners = maxListeners;
        this.maxLanHosts = maxLanHosts;
        this.maxUnknownBytes = maxUnknownBytes;
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        try (InputStream in = ReportValidator.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            JsonNode schemaTree = Json.mapper().readTree(in);
            schemaTree.path("properties").fieldNames().forEachRemaining(topLevel::add);
            schemaTree.path("properties").path("facts").path("properties").fieldNames().forEachRemaining(factKeys::add);
            schema = factory.getSchema(schemaTree, config);
            schema.initializeValidators();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a report body strictly: UTF-8 only (a UTF-16 or Latin-1 body is refused, not guessed), one JSON value
     * and nothing after it, no key twice in an object, finite numbers.
     *
     * @return the tree and the text it was read from (the bytes that were validated, to be stored as they are)
     * @throws ApiException 400 {@code not_utf8}, {@code invalid_json}
     */
    public static Parsed parse(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(400, "not_utf8", "the body is not UTF-8 text");
        }
        JsonNode tree;
        try {
            tree = strictTree(text);
        } catch (IOException e) {
            throw new ApiException(400, "invalid_json", "the body is not JSON: " + firstLine(e.getMessage()));
        }
        if (tree == null || tree.isMissingNode()) {
            throw new ApiException(400, "invalid_json", "the body is empty");
        }
        return new Parsed(tree, text);
    }

    /** One JSON value and nothing after it, no key twice, finite numbers (400 {@code invalid_number}). */
    static JsonNode strictTree(String text) throws IOException {
        JsonNode tree = STRICT.readTree(text);
        if (tree != null) {
            requireFinite(tree);
        }
        return tree;
    }

    /** A report body read by {@link #parse}: its tree and its text. */
    public record Parsed(JsonNode tree, String text) {
    }

    private static final ObjectMapper STRICT = Json.mapper().copy()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private static void requireFinite(JsonNode node) {
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                requireFinite(child);
            }
        } else if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            throw new ApiException(400, "invalid_number", "a number of the report is out of range: " + node.asText());
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Refuses (413) a report past the bounds on findings, listeners, LAN hosts and unknown fields. */
    void requireBounds(JsonNode report) {
        bound(report.path("findings").size(), maxFindings, "findings");
        bound(report.path("facts").path("net.listeners").path("value").path("listeners").size(), maxListeners,
                "listeners");
        bound(report.path("lan").path("devices").size(), maxLanHosts, "LAN hosts");
        long unknown = 0;
        for (var it = report.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!topLevel.contains(e.getKey())) {
                unknown += e.getKey().length() + e.getValue().toString().length();
            }
        }
        for (var it = report.path("facts").fields(); it.hasNext(); ) {
            var e = it.next();
            if (!factKeys.contains(e.getKey())) {
                unknown += e.getKey().length() + e.getValue().toString().length();
            }
            if (unknown > maxUnknownBytes) {
                break;
            }
        }
        if (unknown > maxUnknownBytes) {
            throw new ApiException(413, "too_much_unknown", "the report carries more than " + maxUnknownBytes
                    + " bytes in fields this console does not know");
        }
    }

    private static void bound(int n, int max, String what) {
        if (n > max) {
            throw new ApiException(413, "too_many_items", "the report carries " + n + " " + what + " (at most " + max
                    + ")");
        }
    }

    /** Problems found (empty: valid), most useful first, at most {@code max}; 413 past the bounds. */
    public List<Problem> validate(JsonNode report, int max) {
        if (report.isObject()) {
            requireBounds(report);
        }
        Set<ValidationMessage> messages;
        try {
            messages = schema.validate(report);
        } catch (RuntimeException e) {
            throw new ApiException(400, "invalid_report", "the report cannot be checked: " + e.getMessage());
        }
        List<Problem> out = new ArrayList<>();
        messages.stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString()))
                .limit(max)
                .forEach(m -> out.add(new Problem(m.getInstanceLocation().toString(), m.getMessage())));
        return out;
    }
}
