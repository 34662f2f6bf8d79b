package io.vigie.checks.scoring;

import java.util.List;

/**
 * An urgent issue, shown whatever the grade.
 *
 * @param id           urgence id from the referential (e.g. {@code no_recent_backup})
 * @param questions    the questions whose measures fix it
 * @param devices      devices whose verdicts raised it (sorted)
 * @param observedIn   questions where the expert's answer raised it
 * @param stale        raised only by stale reports (to confirm)
 */
public record Urgence(String id, List<String> questions, List<String> devices, List<String> observedIn, boolean stale) {
}
