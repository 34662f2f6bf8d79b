package io.vigie.checks.report;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportClockTest {

    static final Instant ARRIVED = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void aPlausibleReportKeepsItsTimes() {
        ReportClock c = ReportClock.judge(Instant.parse("2026-11-22T09:58:00Z"), Instant.parse("2026-11-22T09:59:00Z"), ARRIVED);
        assertEquals(ReportClock.Flag.OK, c.flag());
        assertFalse(c.flagged());
        assertEquals(Instant.parse("2026-11-22T09:58:00Z"), c.effectiveStart());
        assertEquals(Instant.parse("2026-11-22T09:59:00Z"), c.effectiveEnd());
        assertEquals(Duration.ZERO, c.correction());
    }

    @Test
    void aReportFromTheFutureIsFlaggedAndMovedBackToItsArrival() {
        // the agent's clock is a year ahead: "failing since" must not start next year
        ReportClock c = ReportClock.judge(Instant.parse("2027-11-22T09:58:00Z"), Instant.parse("2027-11-22T09:59:00Z"), ARRIVED);
        assertEquals(ReportClock.Flag.FUTURE, c.flag());
        assertTrue(c.flagged());
        assertEquals(ARRIVED, c.effectiveEnd());
        assertEquals(ARRIVED.minusSeconds(60), c.effectiveStart(), "the collection's duration is kept");
        assertEquals(Instant.parse("2027-11-22T09:59:00Z"), c.agentEnd(), "the agent's own time is kept as written");
        assertEquals(Duration.between(ARRIVED, Instant.parse("2027-11-22T09:59:00Z")), c.correction());
    }

    @Test
    void aFewSecondsAheadAreNotFlaggedButNeverRunAheadOfArrival() {
        ReportClock c = ReportClock.judge(Instant.parse("2026-11-22T09:59:50Z"), Instant.parse("2026-11-22T10:00:30Z"), ARRIVED);
        assertEquals(ReportClock.Flag.OK, c.flag());
        assertEquals(ARRIVED, c.effectiveEnd());
        assertEquals(Instant.parse("2026-11-22T09:59:50Z"), c.effectiveStart());
        ReportClock beyond = ReportClock.judge(null, ARRIVED.plus(Duration.ofMinutes(6)), ARRIVED);
        assertEquals(ReportClock.Flag.FUTURE, beyond.flag());
    }

    @Test
    void aReportOlderThanAnySpoolCanHoldIsFlaggedAndMovedForward() {
        ReportClock c = ReportClock.judge(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:01:00Z"), ARRIVED);
        assertEquals(ReportClock.Flag.FAR_BEHIND, c.flag());
        assertEquals(ARRIVED.minus(Duration.ofDays(60)), c.effectiveEnd());
        // a report spooled for 40 days is honest
        ReportClock spooled = ReportClock.judge(null, ARRIVED.minus(Duration.ofDays(40)), ARRIVED);
        assertEquals(ReportClock.Flag.OK, spooled.flag());
        assertEquals(ARRIVED.minus(Duration.ofDays(40)), spooled.effectiveEnd());
    }

    @Test
    void missingOrInvertedTimes() {
        ReportClock none = ReportClock.judge(null, null, ARRIVED);
        assertEquals(ReportClock.Flag.MISSING, none.flag());
        assertEquals(ARRIVED, none.effectiveEnd());
        ReportClock inverted = ReportClock.judge(Instant.parse("2026-11-22T09:59:30Z"), Instant.parse("2026-11-22T09:59:00Z"), ARRIVED);
        assertFalse(inverted.effectiveStart().isAfter(inverted.effectiveEnd()));
        assertThrows(NullPointerException.class, () -> ReportClock.judge(null, null, null));
        ReportClock custom = ReportClock.judge(null, ARRIVED.plusSeconds(30), ARRIVED,
                new ReportClock.Limits(Duration.ofSeconds(10), Duration.ofDays(1)));
        assertEquals(ReportClock.Flag.FUTURE, custom.flag());
    }
}
