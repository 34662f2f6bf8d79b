package io.vigie.console.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The request-body bytes every request of one console holds in memory at once (received, then inflated), shared by
 * all its HTTP verticles. A request takes its bytes before it holds them and gives them back when its response ends;
 * one that would pass the budget is answered 503 with {@code Retry-After} instead of growing the heap.
 */
public final class BodyBudget {

    private final long max;
    private final AtomicLong used = new AtomicLong();

    public BodyBudget(long max) {
        this.max = max;
    }

    /** Takes {@code n} bytes if they fit; false (nothing taken) if they would pass the budget. */
    public boolean take(long n) {
        while (true) {
            long u = used.get();
            if (u + n > max) {
                return false;
            }
            if (used.compareAndSet(u, u + n)) {
                return true;
            }
        }
    }

    public void give(long n) {
        used.addAndGet(-n);
    }

    /** Bytes held now. */
    public long used() {
        return used.get();
    }

    public long max() {
        return max;
    }
}
