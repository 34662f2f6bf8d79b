package io.vigie.checks.fact;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;
import java.util.Objects;

/**
 * One collected fact: a typed value, or the reason it is unavailable.
 *
 * <p>Contract: {@code value} is non-null if and only if {@code status == OK}. Inside an OK value a
 * {@code null} field means "this detail could not be read" and must be judged as unknown, never as
 * false or zero.
 *
 * @param key         stable dotted name ({@code os.identity}, {@code patch.status}…)
 * @param status      how collection went
 * @param reason      why (always present; {@code collected} for OK facts)
 * @param source      where it came from, e.g. {@code /etc/os-release}, {@code apt list --upgradable}
 * @param collectedAt when it was read (UTC)
 * @param value       the typed value, only for OK
 */
public record Fact<T>(String key, FactStatus status, Reason reason, String source, Instant collectedAt, T value) {

    public Fact {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        if ((status == FactStatus.OK) != (value != null)) {
            throw new IllegalArgumentException("fact " + key + ": a value is required for OK and forbidden otherwise");
        }
    }

    public static <T> Fact<T> ok(FactKey<T> key, String source, Instant at, T value) {
        return new Fact<>(key.name(), FactStatus.OK, Reason.of(Reason.COLLECTED), source, at, Objects.requireNonNull(value));
    }

    public static <T> Fact<T> unknown(FactKey<T> key, String source, Instant at, Reason reason) {
        return new Fact<>(key.name(), FactStatus.UNKNOWN, reason, source, at, null);
    }

    public static <T> Fact<T> error(FactKey<T> key, String source, Instant at, Reason reason) {
        return new Fact<>(key.name(), FactStatus.ERROR, reason, source, at, null);
    }

    public static <T> Fact<T> notApplicable(FactKey<T> key, String source, Instant at, Reason reason) {
        return new Fact<>(key.name(), FactStatus.NOT_APPLICABLE, reason, source, at, null);
    }

    @JsonIgnore
    public boolean isOk() {
        return status == FactStatus.OK;
    }
}
