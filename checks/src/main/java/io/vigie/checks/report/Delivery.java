package io.vigie.checks.report;

import java.time.Instant;

/**
 * How a report reached the console, when there is something to say about it. Optional in a report (absent when
 * nothing happened): today it carries the reports the agent had to drop because its on-disk spool was full, so
 * the console can show the gap in the history.
 *
 * @param droppedBefore number of reports of this device dropped, unsent, since the previous report that reached
 *                      the console (0 when none)
 * @param droppedFrom   collection end of the oldest dropped report (null when unknown or none)
 * @param droppedTo     collection end of the newest dropped report (null when unknown or none)
 */
public record Delivery(int droppedBefore, Instant droppedFrom, Instant droppedTo) {

    public Delivery {
        if (droppedBefore < 0) {
            throw new IllegalArgumentException("droppedBefore < 0");
        }
    }
}
