package io.vigie.console.web;

import io.vigie.checks.text.Lang;
import io.vigie.console.services.ConsoleServices;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The pages' texts in one language, from {@code io/vigie/console/web/messages_<lang>.properties} (UTF-8). Every
 * language has every key (checked by a test); templates never hold text of their own.
 */
public final class I18n {

    static final String BUNDLE = "/io/vigie/console/web/messages_%s.properties";
    public static final ZoneId ZONE = ConsoleServices.ZONE;
    private static final Map<Lang, Map<String, String>> BUNDLES = load();

    private final Lang lang;
    private final Map<String, String> texts;
    private final DateTimeFormatter dateTime;

    private I18n(Lang lang) {
        this.lang = lang;
        this.texts = BUNDLES.get(lang);
        this.dateTime = DateTimeFormatter.ofPattern(get("format.dateTime"), lang.locale()).withZone(ZONE);
    }

    private static final Map<Lang, I18n> CACHE = new EnumMap<>(Lang.class);

    static {
        for (Lang l : Lang.values()) {
            CACHE.put(l, new I18n(l));
        }
    }

    public static I18n of(Lang lang) {
        return CACHE.get(lang);
    }

    public Lang lang() {
        return lang;
    }

    /** {@code fr} or {@code en}: the {@code lang} attribute of the page. */
    public String code() {
        return lang.code();
    }

    /** The other language (the switch link). */
    public Lang other() {
        return lang == Lang.FR ? Lang.EN : Lang.FR;
    }

    public String get(String key) {
        String s = texts.get(key);
        if (s == null) {
            throw new IllegalArgumentException("missing text " + key + " (" + lang.code() + ")");
        }
        return s;
    }

    /** The text with {@code {0}}, {@code {1}}… replaced by the arguments. */
    public String get(String key, Object... args) {
        String s = get(key);
        for (int i = 0; i < args.length; i++) {
            s = s.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return s;
    }

    public boolean has(String key) {
        return texts.containsKey(key);
    }

    /** Date and time in Paris time, in this language; a dash for null. */
    public String dateTime(Instant i) {
        return i == null ? get("none") : dateTime.format(i);
    }

    static Set<String> keys(Lang lang) {
        return BUNDLES.get(lang).keySet();
    }

    private static Map<Lang, Map<String, String>> load() {
        Map<Lang, Map<String, String>> out = new EnumMap<>(Lang.class);
        for (Lang l : Lang.values()) {
            String path = String.format(BUNDLE, l.code());
            try (InputStream in = I18n.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException("missing " + path);
                }
                Properties p = new Properties();
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                Map<String, String> m = new HashMap<>();
                p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
                out.put(l, Map.copyOf(m));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
