package io.vigie.checks.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Two clocks (conventions, "Decided for wave 2"): a report carries the agent's collection times, the console knows
 * when it arrived. Freshness and "failing since" use the collection time, but an agent's clock can be wrong. This
 * pure function flags a report whose collection time is in the future of its arrival, or further in the past than
 * any report can honestly wait, and gives the clamped times to compute with. The agent's own times are never
 * changed: callers keep them and their arrival time side by side.
 *
 * @param agentStart    collection start as the agent wrote it (may be null)
 * @param agentEnd      collection end as the agent wrote it (may be null)
 * @param arrivedAt     when the console received the report (its own clock)
 * @param flag          what is wrong with the agent's times, {@link Flag#OK} when nothing
 * @param effectiveStart collection start to compute "since" and freshness with
 * @param effectiveEnd   collection end to compute "since" and freshness with
 */
public record ReportClock(Instant agentStart, Instant agentEnd, Instant arrivedAt, Flag flag,
                          Instant effectiveStart, Instant effectiveEnd) {

    /** What is wrong with the agent's collection times. */
    public enum Flag {
        /** Plausible: not after arrival (beyond the tolerance), not older than a report can wait. */
        OK,
        /** Collected "after" it arrived: the agent's clock is ahead. */
        FUTURE,
        /** Collected longer before arrival than a spooled report can wait: the agent's clock is behind. */
        FAR_BEHIND,
        /** The report has no collection time. */
        MISSING
    }

    /**
     * Tolerances.
     *
     * @param ahead  how far a collection time may be ahead of arrival before it is flagged. Default 5 minutes: the
     *               maximum clock skew Windows domains (Kerberos) tolerate by default (Microsoft Learn, "Maximum
     *               tolerance for computer clock synchronization"); a synchronised clock stays well within it
     * @param behind how long before arrival a report may have been collected. Default 60 days: the agent's spool
     *               keeps at most 200 reports (50 days at one report every 6 hours, {@code Spool.Limits.DEFAULTS}),
     *               so an older collection time says the clock, not the network
     */
    public record Limits(Duration ahead, Duration behind) {

        public static final Limits DEFAULTS = new Limits(Duration.ofMinutes(5), Duration.ofDays(60));

        public Limits {
            Objects.requireNonNull(ahead, "ahead");
            Objects.requireNonNull(behind, "behind");
            if (ahead.isNegative() || behind.isNegative()) {
                throw new IllegalArgumentException("negative tolerance");
            }
        }
    }

    /** {@link #judge(Instant, Instant, Instant, Limits)} with {@link Limits#DEFAULTS}. */
    public static ReportClock judge(Instant agentStart, Instant agentEnd, Instant arrivedAt) {
        return judge(agentStart, agentEnd, arrivedAt, Limits.DEFAULTS);
    }

    /**
     * Pure: flags and clamps. A future collection is moved back so that its end is the arrival time (its duration
     * kept); a far-behind one is moved forward to the oldest plausible time; a missing one takes the arrival time.
     * The start never goes after the end.
     */
    public static ReportClock judge(Instant agentStart, Instant agentEnd, Instant arrivedAt, Limits limits) {
        Objects.requireNonNull(arrivedAt, "arrivedAt");
        Instant end = agentEnd != null ? agentEnd : agentStart;
        if (end == null) {
            return new ReportClock(agentStart, agentEnd, arrivedAt, Flag.MISSING, arrivedAt, arrivedAt);
        }
        Instant start = agentStart != null && !agentStart.isAfter(end) ? agentStart : end;
        Duration length = Duration.between(start, end);
        if (end.isAfter(arrivedAt.plus(limits.ahead()))) {
            return new ReportClock(agentStart, agentEnd, arrivedAt, Flag.FUTURE, arrivedAt.minus(length), arrivedAt);
        }
        Instant oldest = arrivedAt.minus(limits.behind());
        if (end.isBefore(oldest)) {
            return new ReportClock(agentStart, agentEnd, arrivedAt, Flag.FAR_BEHIND, oldest.minus(length), oldest);
        }
        // within tolerance: a few seconds ahead are not worth a flag, but "since" never runs ahead of arrival
        Instant effEnd = end.isAfter(arrivedAt) ? arrivedAt : end;
        Instant effStart = start.isAfter(effEnd) ? effEnd : start;
        return new ReportClock(agentStart, agentEnd, arrivedAt, Flag.OK, effStart, effEnd);
    }

    /** The report's times need a word to the reader (shown next to them). */
    public boolean flagged() {
        return flag != Flag.OK;
    }

    /** How far the agent's end time is from the one computed with (positive: the agent was ahead). */
    public Duration correction() {
        Instant end = agentEnd != null ? agentEnd : agentStart;
        return end == null ? Duration.ZERO : Duration.between(effectiveEnd, end);
    }
}
