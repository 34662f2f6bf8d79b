package io.vigie.console.store;

import java.time.Instant;
import java.util.UUID;

/**
 * How a report came in, when there is something to say (table {@code report_delivery}).
 *
 * @param reportId      the report
 * @param source        {@code upload} (the agent sent it) or {@code import} (a file brought in by a user)
 * @param authenticated false for an imported file carrying only a checksum ("non authentifié")
 * @param droppedBefore reports of the device the agent dropped unsent (spool full) just before this one
 * @param droppedFrom   collection end of the oldest dropped report, when known
 * @param droppedTo     collection end of the newest dropped report, when known
 * @param importedBy    the user who imported the file (imports only)
 * @param recordedAt    when the console recorded it
 */
public record ReportDelivery(UUID reportId, String source, boolean authenticated, int droppedBefore,
                             Instant droppedFrom, Instant droppedTo, UUID importedBy, Instant recordedAt) {

    public static final String UPLOAD = "upload";
    public static final String IMPORT = "import";
}
