package io.vigie.checks.rule;

import io.vigie.checks.eol.EolCatalogue;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a rule may use besides facts: the current time (injected, so tests run at fixed dates), the
 * end-of-life data, and its own thresholds from the catalogue.
 */
public record RuleContext(Instant now, EolCatalogue eol, Map<String, Object> params) {

    public RuleContext {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(eol, "eol");
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    public int intParam(String name) {
        Object v = params.get(name);
        if (!(v instanceof Number n)) {
            throw new IllegalStateException("rule parameter '" + name + "' missing or not a number");
        }
        return n.intValue();
    }
}
