package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.OsIdentity;
import io.vigie.checks.fact.Snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Small shared readings of a snapshot used by several rules. */
final class Platforms {

    static final String WINDOWS = "windows";
    static final String LINUX = "linux";
    static final String MACOS = "macos";

    private Platforms() {
    }

    /** The OS family ({@code windows}, {@code linux}, {@code macos}) when {@code os.identity} is known, else null. */
    static String family(Snapshot snapshot) {
        return snapshot.get(FactKeys.OS_IDENTITY)
                .filter(Fact::isOk)
                .map(Fact::value)
                .map(OsIdentity::family)
                .map(f -> f.toLowerCase(Locale.ROOT))
                .orElse(null);
    }

    /** Whole days from {@code then} to {@code now} (0 when {@code then} is in the future). */
    static long ageDays(Instant then, Instant now) {
        long d = Duration.between(then, now).toDays();
        return Math.max(0, d);
    }
}
