package io.vigie.agent.discover;

import java.util.function.LongSupplier;

/**
 * A token bucket: at most {@code burst} events at once, refilled at {@code perSecond}. Not thread-safe:
 * the probe engine uses it from its one selector thread. The clock is injected (nanoseconds) so tests
 * drive time by hand.
 */
public final class RateLimiter {

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long last;

    public RateLimiter(double perSecond, int burst, LongSupplier nanoClock) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.last = nanoClock.getAsLong();
    }

    public static RateLimiter system(double perSecond, int burst) {
        return new RateLimiter(perSecond, burst, System::nanoTime);
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        long elapsed = now - last;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * perNano);
            last = now;
        }
    }

    /** Takes one token if there is one. */
    public boolean tryAcquire() {
        refill();
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return true;
        }
        return false;
    }

    /** Whether a token is available now, without taking it. */
    public boolean available() {
        refill();
        return tokens >= 1.0;
    }

    /** Nanoseconds until the next token (0 when one is available). */
    public long nanosUntilAvailable() {
        refill();
        if (tokens >= 1.0) {
            return 0;
        }
        return (long) Math.ceil((1.0 - tokens) / perNano);
    }
}
