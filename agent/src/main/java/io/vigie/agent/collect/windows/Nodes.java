package io.vigie.agent.collect.windows;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Lenient readers for the JSON PowerShell's ConvertTo-Json writes (numbers may be strings, arrays may be unrolled). */
final class Nodes {

    private Nodes() {
    }

    static JsonNode get(JsonNode n, String field) {
        if (n == null || !n.isObject()) {
            return null;
        }
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v;
    }

    static String text(JsonNode n, String field) {
        JsonNode v = get(n, field);
        if (v == null || v.isContainerNode()) {
            return null;
        }
        String s = v.asText();
        return s.isEmpty() ? null : s;
    }

    static Long number(JsonNode n, String field) {
        JsonNode v = get(n, field);
        if (v == null) {
            return null;
        }
        if (v.isNumber()) {
            return v.asLong();
        }
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.asText().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static Integer integer(JsonNode n, String field) {
        Long l = number(n, field);
        return l == null ? null : (int) (long) l;
    }

    /** true/false, 1/0, "True"/"False". */
    static Boolean bool(JsonNode n, String field) {
        JsonNode v = get(n, field);
        if (v == null) {
            return null;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isNumber()) {
            return v.asLong() != 0;
        }
        if (v.isTextual()) {
            String s = v.asText().strip();
            if (s.equalsIgnoreCase("true") || s.equals("1")) {
                return true;
            }
            if (s.equalsIgnoreCase("false") || s.equals("0")) {
                return false;
            }
        }
        return null;
    }

    /** ISO-8601 instant or offset date-time; null when absent or unparsable. */
    static Instant instant(JsonNode n, String field) {
        String s = text(n, field);
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** A JSON array, a single object (PowerShell unrolls one-element arrays) or nothing, as a list. */
    static List<JsonNode> list(JsonNode v) {
        List<JsonNode> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isArray()) {
            v.forEach(out::add);
        } else {
            out.add(v);
        }
        return out;
    }

    static List<JsonNode> list(JsonNode n, String field) {
        return list(get(n, field));
    }

    static List<String> texts(JsonNode n, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : list(n, field)) {
            if (v.isValueNode() && !v.asText().isEmpty()) {
                out.add(v.asText());
            }
        }
        return out;
    }
}
