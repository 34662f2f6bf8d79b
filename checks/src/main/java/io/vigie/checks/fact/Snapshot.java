package io.vigie.checks.fact;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The facts of one machine at one time, keyed by fact name. Rules read facts only through this, so the
 * console can judge a stored snapshot exactly as the agent judged the live machine.
 */
public final class Snapshot {

    private final Map<String, Fact<?>> facts;

    private Snapshot(Map<String, Fact<?>> facts) {
        this.facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    public static Snapshot of(Map<String, Fact<?>> facts) {
        return new Snapshot(facts);
    }

    public static Snapshot of(Collection<? extends Fact<?>> facts) {
        Map<String, Fact<?>> m = new LinkedHashMap<>();
        for (Fact<?> f : facts) {
            m.put(f.key(), f);
        }
        return new Snapshot(m);
    }

    /** The fact for {@code key}, typed; empty when it was never collected. */
    @SuppressWarnings("unchecked")
    public <T> Optional<Fact<T>> get(FactKey<T> key) {
        Fact<?> f = facts.get(key.name());
        if (f == null) {
            return Optional.empty();
        }
        if (f.value() != null && !key.type().isInstance(f.value())) {
            throw new IllegalStateException("fact " + key.name() + " holds " + f.value().getClass().getName()
                    + ", expected " + key.type().getName());
        }
        return Optional.of((Fact<T>) f);
    }
}
