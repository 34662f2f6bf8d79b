package io.vigie.checks.rule;

import java.util.List;

/** The rule implementations shipped with this build, one per catalogue entry. */
public final class BuiltinRules {

    private BuiltinRules() {
    }

    public static List<Rule> all() {
        return List.of();
    }
}
