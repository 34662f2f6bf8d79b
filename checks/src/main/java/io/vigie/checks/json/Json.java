package io.vigie.checks.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.FactStatus;
import io.vigie.checks.fact.Reason;

import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one Jackson configuration for reports, snapshots and content files: ISO-8601 instants, nulls left
 * out, unknown properties tolerated (a newer agent may send more), and facts read back into their typed
 * value records by key. A fact whose key this version does not know is kept with its raw JSON value.
 */
public final class Json {

    private static final ObjectMapper MAPPER = create();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper create() {
        SimpleModule facts = new SimpleModule("vigie-facts");
        facts.addDeserializer(Fact.class, new FactDeserializer());
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(facts)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    /** Reads a fact, choosing the value type from its {@code key}. */
    static final class FactDeserializer extends JsonDeserializer<Fact<?>> {
        @Override
        public Fact<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = p.getCodec().readTree(p);
            if (!(node instanceof ObjectNode obj)) {
                throw ctxt.weirdStringException(node.toString(), Fact.class, "a fact must be a JSON object");
            }
            String key = text(obj, "key");
            if (key == null) {
                throw ctxt.weirdStringException(node.toString(), Fact.class, "a fact needs a key");
            }
            String statusText = text(obj, "status");
            if (statusText == null) {
                throw ctxt.weirdStringException(key, Fact.class, "fact " + key + " has no status");
            }
            FactStatus status;
            try {
                status = FactStatus.valueOf(statusText);
            } catch (IllegalArgumentException e) {
                throw ctxt.weirdStringException(statusText, FactStatus.class, "fact " + key + " has an unknown status");
            }
            JsonNode reasonNode = obj.get("reason");
            Reason reason = reasonNode == null || reasonNode.isNull()
                    ? Reason.of(status == FactStatus.OK ? Reason.COLLECTED : Reason.NOT_COLLECTED)
                    : p.getCodec().treeToValue(reasonNode, Reason.class);
            String source = text(obj, "source");
            String at = text(obj, "collectedAt");
            Instant collectedAt = at == null ? null : Instant.parse(at);
            JsonNode valueNode = obj.get("value");
            Object value = null;
            if (valueNode != null && !valueNode.isNull()) {
                FactKey<?> fk = FactKeys.byName(key).orElse(null);
                value = fk == null ? valueNode : p.getCodec().treeToValue(valueNode, fk.type());
            }
            try {
                return new Fact<>(key, status, reason, source, collectedAt, value);
            } catch (IllegalArgumentException e) {
                throw ctxt.weirdStringException(key, Fact.class, e.getMessage());
            }
        }

        private static String text(ObjectNode obj, String field) {
            JsonNode n = obj.get(field);
            return n == null || n.isNull() ? null : n.asText();
        }
    }

    /** Copies a facts map whose values were read as plain objects. Kept for callers holding raw maps. */
    public static Map<String, Fact<?>> facts(JsonNode factsNode) throws IOException {
        Map<String, Fact<?>> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = factsNode.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Fact<?> f = MAPPER.treeToValue(e.getValue(), Fact.class);
            if (!f.key().equals(e.getKey())) {
                throw new IOException("fact under '" + e.getKey() + "' has key '" + f.key() + "'");
            }
            out.put(e.getKey(), f);
        }
        return out;
    }
}
