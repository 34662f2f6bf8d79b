package io.vigie.checks.referential;

import java.util.List;

/** A warning raised by rule FAILs that is not an urgence (e.g. « accessible depuis le réseau »). */
public record SignalDef(String id, List<String> rules, String fr, String en) {

    public SignalDef {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public LocalText text() {
        return new LocalText(fr, en);
    }
}
