package io.vigie.agent.collect.windows;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.host.HostFiles;
import io.vigie.checks.fact.BackupJob;
import io.vigie.checks.fact.BackupStatus;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Reason;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code backup.status}: Windows Server Backup (Get-WBSummary, admin or Backup Operators), Veeam Agent (event 190 of
 * the "Veeam Agent" log), File History configurations with the last protected time of loaded profiles
 * ({@code ProtectedUpToTime} in the user's registry), and the operator's backup folders (newest file: weaker evidence).
 */
final class WindowsBackupCollector extends ProbeCollector {

    static final int FOLDER_DEPTH = 3;
    static final int FOLDER_MAX_ENTRIES = 5000;

    WindowsBackupCollector() {
        super("windows-backup", "backup", List.of(FactKeys.BACKUP_STATUS));
    }

    @Override
    List<Fact<?>> whenProbeFailed(CollectContext ctx, Probe p) {
        List<BackupJob> folders = folders(ctx);
        if (folders.stream().anyMatch(j -> j.lastSuccess() != null)) {
            return List.of(Fact.ok(FactKeys.BACKUP_STATUS, "backup folders", ctx.now(),
                    new BackupStatus(folders, lookedFor(ctx))));
        }
        return null;
    }

    @Override
    List<Fact<?>> facts(CollectContext ctx, Probe p) {
        Instant at = ctx.now();
        List<BackupJob> jobs = new ArrayList<>();
        Reason unknown = null;

        Probe.Section wsb = p.section("wsb");
        if (!wsb.ok()) {
            unknown = wsb.failure();
        } else if (Boolean.TRUE.equals(Nodes.bool(wsb.node(), "Installed"))) {
            JsonNode n = wsb.node();
            Instant success = Nodes.instant(n, "LastSuccessfulBackupTime");
            Instant attempt = Nodes.instant(n, "LastBackupTime");
            Long versions = Nodes.number(n, "NumberOfVersions");
            if (success != null || attempt != null || Boolean.TRUE.equals(Nodes.bool(n, "PolicyConfigured"))
                    || (versions != null && versions > 0)) {
                Long hr = Nodes.number(n, "LastBackupResultHR");
                String target = Nodes.text(n, "LastBackupTarget");
                jobs.add(new BackupJob("windows-server-backup", "Windows Server Backup", success, attempt,
                        attempt == null || hr == null ? null : hr == 0, kind(target), target, null));
            }
        }

        Probe.Section veeam = p.section("veeam");
        if (!veeam.ok()) {
            unknown = unknown == null ? veeam.failure() : unknown;
        } else if (Boolean.TRUE.equals(Nodes.bool(veeam.node(), "Installed"))) {
            Instant lastSuccess = null;
            Instant lastAttempt = null;
            Integer lastLevel = null;
            for (JsonNode e : Nodes.list(veeam.node(), "Events")) {
                Instant t = Nodes.instant(e, "TimeCreated");
                Integer level = Nodes.integer(e, "Level");
                if (t == null) {
                    continue;
                }
                if (lastAttempt == null || t.isAfter(lastAttempt)) {
                    lastAttempt = t;
                    lastLevel = level;
                }
                // Level 4 = Success, 3 = Warning (finished, some items skipped): a restore point exists.
                if (level != null && (level == 4 || level == 3) && (lastSuccess == null || t.isAfter(lastSuccess))) {
                    lastSuccess = t;
                }
            }
            jobs.add(new BackupJob("veeam", "Veeam Agent for Microsoft Windows", lastSuccess, lastAttempt,
                    lastLevel == null ? null : (lastLevel == 4 || lastLevel == 3), "unknown", null, null));
        }

        Probe.Section fh = p.section("fileHistory");
        if (!fh.ok()) {
            unknown = unknown == null ? fh.failure() : unknown;
        } else {
            for (JsonNode c : Nodes.list(fh.node())) {
                String profile = Nodes.text(c, "Profile");
                String target = Nodes.text(c, "TargetUrl");
                String user = profile == null ? null : profile.substring(profile.lastIndexOf('\\') + 1);
                // The catalog is rewritten at each run, successful or not: an attempt, not a proven success.
                // ProtectedUpToTime is what File History itself records as protected: the last completed run.
                Instant protectedUpTo = fileTime(Nodes.number(c, "ProtectedUpToTime"));
                jobs.add(new BackupJob("file-history", user, protectedUpTo, Nodes.instant(c, "CatalogModified"), null,
                        kind(target), target, null));
            }
        }

        jobs.addAll(folders(ctx));
        String source = "Get-WBSummary, Veeam Agent event 190, File History Config1.xml, backup folders (" + p.source() + ")";
        if (jobs.isEmpty() && unknown != null) {
            return List.of(Fact.unknown(FactKeys.BACKUP_STATUS, source, at, unknown));
        }
        return List.of(Fact.ok(FactKeys.BACKUP_STATUS, source, at, new BackupStatus(jobs, lookedFor(ctx))));
    }

    /** FILETIME 1601-01-01 epoch in 100 ns ticks, as seconds before the Unix epoch. */
    static final long FILETIME_UNIX_OFFSET_SECONDS = 11_644_473_600L;

    /**
     * Pure: a Windows FILETIME (100 ns ticks since 1601-01-01 UTC) as an instant; null for absent, zero or negative
     * values (File History writes 0 before its first completed run).
     */
    static Instant fileTime(Long ticks) {
        if (ticks == null || ticks <= 0) {
            return null;
        }
        long seconds = ticks / 10_000_000L - FILETIME_UNIX_OFFSET_SECONDS;
        long nanos = (ticks % 10_000_000L) * 100L;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    static List<String> lookedFor(CollectContext ctx) {
        List<String> l = new ArrayList<>(List.of("windows-server-backup", "veeam", "file-history"));
        if (!ctx.config().backupFolders().isEmpty()) {
            l.add("folder");
        }
        return l;
    }

    /** UNC paths are network destinations; anything else cannot be told apart from here. */
    static String kind(String target) {
        if (target == null) {
            return "unknown";
        }
        return target.startsWith("\\\\") && !target.startsWith("\\\\?\\") ? "network" : "unknown";
    }

    static List<BackupJob> folders(CollectContext ctx) {
        List<BackupJob> out = new ArrayList<>();
        for (String folder : ctx.config().backupFolders()) {
            HostFiles files = ctx.files();
            boolean present = files.isDirectory(folder);
            Instant newest = present ? newest(files, folder, 0, new int[]{0}).orElse(null) : null;
            out.add(new BackupJob("folder", folder, newest, null, null,
                    folder.startsWith("\\\\") ? "network" : "local", folder, present,
                    newest == null ? null : BackupJob.BY_FOLDER_FILES, present ? null : Boolean.FALSE, null));
        }
        return out;
    }

    private static Optional<Instant> newest(HostFiles files, String dir, int depth, int[] seen) {
        Instant best = null;
        for (String e : files.list(dir)) {
            if (++seen[0] > FOLDER_MAX_ENTRIES) {
                break;
            }
            String path = dir.endsWith("\\") || dir.endsWith("/") ? dir + e : dir + (dir.contains("\\") ? "\\" : "/") + e;
            Optional<Instant> m;
            if (files.isDirectory(path)) {
                m = depth + 1 < FOLDER_DEPTH ? newest(files, path, depth + 1, seen) : Optional.empty();
            } else {
                m = files.modified(path);
            }
            if (m.isPresent() && (best == null || m.get().isAfter(best))) {
                best = m.get();
            }
        }
        return Optional.ofNullable(best);
    }
}
