package io.vigie.console.store;

import java.util.UUID;

/**
 * A stored report handed to the re-judging command.
 *
 * @param latestConsoleCatalogue catalogue version of its newest console verdict set (null when never judged)
 */
public record ReportToJudge(UUID id, String body, String latestConsoleCatalogue) {
}
