package io.vigie.agent.link;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: before retry {@code n} (0-based) wait a random time between half and all of
 * {@code min(max, base × 2^n)}, so agents that lost the console together do not come back in step.
 */
public final class Backoff {

    private final Duration base;
    private final Duration max;
    private final RandomGenerator random;

    public Backoff(Duration base, Duration max, RandomGenerator random) {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= max");
        }
        this.base = base;
        this.max = max;
        this.random = Objects.requireNonNull(random);
    }

    /** The wait before retry {@code attempt} (0 = the first retry). */
    public Duration delay(int attempt) {
        long ceiling = base.toMillis();
        for (int i = 0; i < attempt && ceiling < max.toMillis(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, max.toMillis());
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
    }
}
