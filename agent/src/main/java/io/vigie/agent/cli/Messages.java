package io.vigie.agent.cli;

import io.vigie.checks.text.Lang;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/** The command line's own words, from {@code messages_fr.properties} / {@code messages_en.properties}. */
final class Messages {

    private final ResourceBundle bundle;
    private final Lang lang;

    Messages(Lang lang) {
        this.lang = lang;
        this.bundle = ResourceBundle.getBundle("io.vigie.agent.cli.messages", lang.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    Lang lang() {
        return lang;
    }

    String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, lang.locale()).format(args);
    }
}
