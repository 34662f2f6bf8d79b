package io.vigie.agent.link;

import io.vigie.agent.link.ConsoleException.Kind;
import io.vigie.checks.report.Report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Delivers the {@link Spool} to the console, oldest first: {@code vigie send}, and the end of
 * {@code vigie check --send} and of each {@code vigie service} round. A report leaves the spool only when the
 * console acknowledged it (201 stored, or 200 already stored: a report whose first send was cut after the console
 * stored it is acknowledged again, never stored twice).
 *
 * <p>Failures: a retryable one (console down, timeout, 5xx, name not found) is retried with {@link Backoff} up to
 * {@link Settings#maxAttempts} times, then the run stops and leaves the rest for the next run — never a busy
 * loop. A report the console refuses for itself (too large, invalid) is set aside as {@code .refused}; a damaged
 * file as {@code .bad}; the others still go. A refusal of the device (revoked, unknown, key mismatch) stops the
 * run and keeps every report.
 */
public final class Courier {

    /**
     * @param maxAttempts tries of one report in one run (default 4)
     * @param base        first wait (default 2 s)
     * @param max         longest wait (default 60 s)
     */
    public record Settings(int maxAttempts, Duration base, Duration max) {
        public static final Settings DEFAULTS = new Settings(4, Duration.ofSeconds(2), Duration.ofSeconds(60));

        public Settings {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
        }
    }

    /** How to wait; tests record instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;

        Sleeper REAL = d -> Thread.sleep(d.toMillis());
    }

    /**
     * What a flush did.
     *
     * @param delivered     reports the console stored now
     * @param alreadyStored reports the console already had (an earlier send was cut after storing)
     * @param setAside      damaged or refused files moved aside
     * @param remaining     reports still waiting
     * @param stoppedBy     why the run stopped early (null: the spool is empty or only set-aside files remain)
     */
    public record Result(int delivered, int alreadyStored, int setAside, int remaining, ConsoleException stoppedBy,
                         List<SetAside> setAsideFiles) {
    }

    /**
     * A file moved out of the spool.
     *
     * @param file    its new name ({@code .bad} or {@code .refused})
     * @param damaged true: unreadable file; false: the console refused the report
     * @param detail  why, for logs
     */
    public record SetAside(Path file, boolean damaged, String detail) {
    }

    private final ConsoleClient client;
    private final Spool spool;
    private final Settings settings;
    private final Backoff backoff;
    private final Sleeper sleeper;
    private final Consumer<String> log;

    public Courier(ConsoleClient client, Spool spool, Settings settings, Backoff backoff, Sleeper sleeper,
                   Consumer<String> log) {
        this.client = Objects.requireNonNull(client);
        this.spool = Objects.requireNonNull(spool);
        this.settings = Objects.requireNonNull(settings);
        this.backoff = Objects.requireNonNull(backoff);
        this.sleeper = Objects.requireNonNull(sleeper);
        this.log = Objects.requireNonNull(log);
    }

    public Courier(ConsoleClient client, Spool spool, Settings settings, Consumer<String> log) {
        this(client, spool, settings, new Backoff(settings.base(), settings.max(), java.util.concurrent.ThreadLocalRandom.current()),
                Sleeper.REAL, log);
    }

    public Result flush(Enrollment enrollment) throws IOException {
        int delivered = 0;
        int already = 0;
        List<SetAside> asideFiles = new ArrayList<>();
        List<Spool.Entry> entries = spool.entries();
        for (int i = 0; i < entries.size(); i++) {
            Spool.Entry entry = entries.get(i);
            Report report;
            try {
                report = spool.read(entry);
            } catch (IOException e) {
                Path moved = spool.setAside(entry, ".bad");
                log.accept("error: " + e.getMessage() + " — set aside as " + moved.getFileName());
                asideFiles.add(new SetAside(moved, true, e.getMessage()));
                continue;
            }
            ConsoleException last = null;
            boolean done = false;
            for (int attempt = 0; attempt < settings.maxAttempts() && !done; attempt++) {
                if (attempt > 0) {
                    try {
                        sleeper.sleep(backoff.delay(attempt - 1));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return new Result(delivered, already, asideFiles.size(), entries.size() - i, last, asideFiles);
                    }
                }
                try {
                    ConsoleClient.SendResult r = client.send(enrollment, report);
                    spool.remove(entry);
                    if (r.alreadyStored()) {
                        already++;
                    } else {
                        delivered++;
                    }
                    done = true;
                } catch (ConsoleException e) {
                    last = e;
                    if (!e.retryable()) {
                        break;
                    }
                }
            }
            if (done) {
                continue;
            }
            if (!last.retryable() && refusesTheReportOnly(last.kind())) {
                Path moved = spool.setAside(entry, ".refused");
                log.accept("error: the console refused report " + report.reportId() + " (" + last.getMessage()
                        + ") — set aside as " + moved.getFileName());
                asideFiles.add(new SetAside(moved, false, last.getMessage()));
                continue;
            }
            return new Result(delivered, already, asideFiles.size(), entries.size() - i, last, asideFiles);
        }
        return new Result(delivered, already, asideFiles.size(), 0, null, asideFiles);
    }

    /** Refusals about this one report; the next reports may still go. */
    static boolean refusesTheReportOnly(Kind k) {
        return k == Kind.TOO_LARGE || k == Kind.REFUSED || k == Kind.DEVICE_MISMATCH;
    }
}
