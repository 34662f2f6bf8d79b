package io.vigie.checks.fact;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;

/**
 * One backup product or job found on this machine. A job is not a backup: what proves copies is a dated success
 * ({@code lastSuccess}) read from the job's own result or from the repository, said by {@code datedBy}.
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
 * @param datedBy             what dated {@code lastSuccess}: {@code job_result} (the tool's or the scheduler's own
 *                            recorded result), {@code tool_log} (the tool's log), {@code snapshot_files} (file times of
 *                            the repository's snapshot list, read without the repository key), {@code repository_files}
 *                            (file times of an encrypted repository's index, read without the key: the last write, not
 *                            the archive list), {@code snapshot_metadata} (a snapshot's own metadata file or folder),
 *                            {@code folder_files} (newest file in a folder: weaker evidence); null when undated
 * @param repositoryFound     the repository or destination was seen ({@code true}), was looked for where the job
 *                            says and is missing ({@code false}), or cannot be seen from here ({@code null})
 * @param copies              how many snapshots the repository holds, when countable without its key
 */
public record BackupJob(
        String product,
        String name,
        Instant lastSuccess,
        Instant lastAttempt,
        Boolean lastResultOk,
        String destinationKind,
        String destination,
        Boolean destinationMounted,
        String datedBy,
        Boolean repositoryFound,
        Integer copies) {

    public static final String BY_JOB_RESULT = "job_result";
    public static final String BY_TOOL_LOG = "tool_log";
    public static final String BY_SNAPSHOT_FILES = "snapshot_files";
    public static final String BY_REPOSITORY_FILES = "repository_files";
    public static final String BY_SNAPSHOT_METADATA = "snapshot_metadata";
    public static final String BY_FOLDER_FILES = "folder_files";

    /** A job without repository evidence: {@code datedBy} is {@link #BY_JOB_RESULT} when it has a success date. */
    public BackupJob(String product, String name, Instant lastSuccess, Instant lastAttempt, Boolean lastResultOk,
                     String destinationKind, String destination, Boolean destinationMounted) {
        this(product, name, lastSuccess, lastAttempt, lastResultOk, destinationKind, destination, destinationMounted,
                lastSuccess == null ? null : BY_JOB_RESULT, null, null);
    }

    /** Proven to hold no copy: its repository is missing where the job says, or holds no snapshot. */
    @JsonIgnore
    public boolean provenEmpty() {
        return lastSuccess == null && (Boolean.FALSE.equals(repositoryFound) || (copies != null && copies == 0));
    }

    /** Dated only by the newest file of a folder: weaker evidence than a job result or a snapshot. */
    @JsonIgnore
    public boolean datedByFilesOnly() {
        return BY_FOLDER_FILES.equals(datedBy);
    }
}
