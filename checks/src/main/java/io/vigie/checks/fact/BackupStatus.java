package io.vigie.checks.fact;

import java.util.List;

/**
 * Backups seen from this machine.
 *
 * @param jobs      what was found (possibly empty)
 * @param lookedFor what was searched, so an empty list is stated honestly ("aucune sauvegarde détectée parmi …")
 */
public record BackupStatus(List<BackupJob> jobs, List<String> lookedFor) {
}
