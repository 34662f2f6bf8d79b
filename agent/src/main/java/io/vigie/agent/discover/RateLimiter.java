package io.vigie.agent.discover;

import java.util.function.LongSupplier;

/**
 * A token bucket: at most {@code burst} events at once, refilled at {@code perSecond}. Not thread-safe:
 * the probe engine uses it from its one selector thread. The clock is injected (nanoseconds) so tests
 * drive time by hand.
 */
public final class RateLimiter {

    private final long interval;
    private final long capacity;
    private final LongSupplier nanoClock;
    /** Saved-up time in nanoseconds; one event costs {@code interval}. Integer arithmetic: no rounding drift. */
    private long credit;
    private long last;

    public RateLimiter(double perSecond, int burst, LongSupplier nanoClock) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.interval = Math.max(1L, Math.round(1e9 / perSecond));
        this.capacity = interval * burst;
        this.nanoClock = nanoClock;
        this.credit = capacity;
        this.last = nanoClock.getAsLong();
    }

    public static RateLimiter system(double perSecond, int burst) {
        return new RateLimiter(perSecond, burst, System::nanoTime);
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        long elapsed = now - last;
        if (elapsed > 0) {
            credit = Math.min(capacity, credit + elapsed);
            last = now;
        }
    }

    /** Takes one token if there is one. */
    public boolean tryAcquire() {
        refill();
        if (credit >= interval) {
            credit -= interval;
            return true;
        }
        return false;
    }

    /** Whether a token is available now, without taking it. */
    public boolean available() {
        refill();
        return credit >= interval;
    }

    /** Nanoseconds until the next token (0 when one is available). */
    public long nanosUntilAvailable() {
        refill();
        return Math.max(0, interval - credit);
    }
}
