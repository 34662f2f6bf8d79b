package io.vigie.checks.fact;

import java.util.Objects;

/** A stable fact name bound to the Java type of its value. Instances live in {@link FactKeys}. */
public record FactKey<T>(String name, Class<T> type) {
    public FactKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    @Override
    public String toString() {
        return name;
    }
}
