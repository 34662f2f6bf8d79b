package io.vigie.agent.discover;

import io.vigie.checks.text.Lang;

import java.util.Map;

/** Discovery will not run as asked. The message is rendered in the operator's language. */
public final class DiscoveryRefused extends RuntimeException {

    private final String key;
    private final Map<String, ?> args;

    public DiscoveryRefused(String key, Map<String, ?> args) {
        super(Messages.get(Lang.EN, key, args));
        this.key = key;
        this.args = Map.copyOf(args);
    }

    /** Machine-readable reason, e.g. {@code subnet_too_large}. */
    public String key() {
        return key;
    }

    public String message(Lang lang) {
        return Messages.get(lang, key, args);
    }
}
