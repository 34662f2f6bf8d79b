package io.vigie.checks.fact;

import java.time.Instant;

/**
 * One backup product or job found on this machine.
 *
 * @param product             restic, borg, timeshift, rsnapshot, systemd-timer, windows-server-backup, veeam,
 *                            file-history, time-machine, folder
 * @param name                job or unit name, repository or folder
 * @param lastSuccess         last successful backup (UTC); null when it could not be read
 * @param lastAttempt         last attempt, successful or not
 * @param lastResultOk        whether the last attempt succeeded
 * @param destinationKind     {@code removable}, {@code local}, {@code network}, {@code cloud}, {@code unknown}
 * @param destination         where the copies go (path, host, bucket) — never credentials
 * @param destinationMounted  the destination is mounted right now (an always-mounted disk is not an offline copy)
 */
public record BackupJob(
        String product,
        String name,
        Instant lastSuccess,
        Instant lastAttempt,
        Boolean lastResultOk,
        String destinationKind,
        String destination,
        Boolean destinationMounted) {
}
