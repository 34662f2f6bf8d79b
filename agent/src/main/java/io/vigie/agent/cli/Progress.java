package io.vigie.agent.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A one-line progress indicator on the terminal, shown only when collection takes more than a second
 * and only when standard error is a terminal. It never writes to standard output (which may carry JSON).
 */
final class Progress implements AutoCloseable {

    private static final String FRAMES = "|/-\\";
    private static final long DELAY_MS = 1000;

    private final PrintStream err;
    private final boolean enabled;
    private final String label;
    private final int total;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicReference<String> last = new AtomicReference<>("");
    private volatile boolean running = true;
    private volatile boolean shown;
    private final Thread ticker;

    Progress(PrintStream err, boolean enabled, String label, int total) {
        this.err = err;
        this.enabled = enabled;
        this.label = label;
        this.total = total;
        this.ticker = new Thread(this::tick, "progress");
        this.ticker.setDaemon(true);
        if (enabled) {
            ticker.start();
        }
    }

    /** Called by collectors as they finish (any thread). */
    void done(String collector) {
        done.incrementAndGet();
        last.set(collector);
    }

    private void tick() {
        long start = System.currentTimeMillis();
        int frame = 0;
        while (running) {
            try {
                Thread.sleep(120);
            } catch (InterruptedException e) {
                return;
            }
            if (!running || System.currentTimeMillis() - start < DELAY_MS) {
                continue;
            }
            shown = true;
            synchronized (err) {
                err.print("\r\033[K" + FRAMES.charAt(frame++ % FRAMES.length()) + " " + label
                        + " (" + done.get() + "/" + total + ") " + last.get());
                err.flush();
            }
        }
    }

    @Override
    public void close() {
        running = false;
        if (enabled) {
            ticker.interrupt();
            try {
                ticker.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (shown) {
                synchronized (err) {
                    err.print("\r\033[K");
                    err.flush();
                }
            }
        }
    }
}
