package io.vigie.agent.discover;

import com.fasterxml.jackson.core.type.TypeReference;
import io.vigie.checks.json.Json;
import io.vigie.checks.text.Lang;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * User-facing texts of discovery, French and English, kept in {@code messages.json}. Placeholders are
 * {@code {name}} and are filled from a map.
 */
public final class Messages {

    private static final Map<String, Map<String, String>> TEXTS = load();

    private Messages() {
    }

    private static Map<String, Map<String, String>> load() {
        try (InputStream in = Messages.class.getResourceAsStream("messages.json")) {
            if (in == null) {
                throw new IllegalStateException("messages.json missing");
            }
            return Json.mapper().readValue(in, new TypeReference<Map<String, Map<String, String>>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The languages and keys, for tests that check both languages are complete. */
    static Map<String, Map<String, String>> all() {
        return TEXTS;
    }

    public static String get(Lang lang, String key, Map<String, ?> args) {
        Map<String, String> byKey = TEXTS.get(lang.code());
        String template = byKey == null ? null : byKey.get(key);
        if (template == null) {
            throw new IllegalArgumentException("no text '" + key + "' in " + lang.code());
        }
        String out = template;
        for (Map.Entry<String, ?> e : args.entrySet()) {
            out = out.replace("{" + e.getKey() + "}", String.valueOf(e.getValue()));
        }
        return out;
    }

    public static String get(Lang lang, String key) {
        return get(lang, key, Map.of());
    }
}
