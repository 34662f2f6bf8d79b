package io.vigie.checks.rule.builtin;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a finding's evidence as plain values: strings, numbers, booleans, lists of strings. Instants and dates
 * become ISO strings, enums their lower-case name. Null values are left out (a template then shows the gap).
 */
final class Evidence {

    private final Map<String, Object> values = new LinkedHashMap<>();

    static Evidence of() {
        return new Evidence();
    }

    Evidence put(String key, Object value) {
        Object plain = plain(value);
        if (plain != null) {
            values.put(key, plain);
        }
        return this;
    }

    Evidence putAll(Map<String, Object> other) {
        other.forEach(this::put);
        return this;
    }

    Map<String, Object> map() {
        return values;
    }

    static Object plain(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Long) {
            return value;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Instant || value instanceof LocalDate) {
            return value.toString();
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
        if (value instanceof Collection<?> c) {
            List<String> out = new ArrayList<>();
            for (Object o : c) {
                Object p = plain(o);
                if (p != null) {
                    out.add(p.toString());
                }
            }
            return out;
        }
        return value.toString();
    }
}
