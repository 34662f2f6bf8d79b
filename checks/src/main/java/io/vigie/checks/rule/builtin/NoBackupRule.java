package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.BackupJob;
import io.vigie.checks.fact.BackupStatus;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Some backup with copies exists for this machine. A job is not a backup: a scheduled job or a configuration
 * passes only with a dated success (its own result, its repository's snapshots); a job whose repository is missing
 * or empty is no backup; a job whose copies cannot be seen from here is UNKNOWN. A folder dated only by its newest
 * file is weaker evidence and says so ({@value #FILES_FOUND}). Says what was searched when nothing is found.
 */
public final class NoBackupRule extends FactRule<BackupStatus> {

    public static final String FOUND = "backup_found";
    public static final String FILES_FOUND = "backup_files_found";
    public static final String NONE = "no_backup_found";
    public static final String NO_COPIES = "backup_job_without_copies";
    public static final String UNVERIFIED = "backup_copies_unverified";
    public static final String UNKNOWN = "backup_list_unknown";

    public NoBackupRule() {
        super("VIG-BAK-001", FactKeys.BACKUP_STATUS);
    }

    @Override
    protected Outcome judge(BackupStatus b, Fact<BackupStatus> fact, Snapshot snapshot, RuleContext ctx) {
        List<String> lookedFor = b.lookedFor() == null ? List.of() : b.lookedFor();
        if (b.jobs() == null) {
            return Outcome.unknown(UNKNOWN, Evidence.of().put("lookedFor", lookedFor).map());
        }
        if (b.jobs().isEmpty()) {
            return Outcome.fail(NONE, Evidence.of().put("lookedFor", lookedFor).map());
        }
        Set<String> proven = new LinkedHashSet<>();
        Set<String> datedBy = new LinkedHashSet<>();
        List<String> empty = new ArrayList<>();
        List<String> unverified = new ArrayList<>();
        boolean strong = false;
        for (BackupJob j : b.jobs()) {
            String label = label(j);
            if (j.lastSuccess() != null) {
                proven.add(label);
                if (j.datedBy() != null) {
                    datedBy.add(j.datedBy());
                }
                strong |= !j.datedByFilesOnly();
            } else if (j.provenEmpty()) {
                empty.add(label);
            } else {
                unverified.add(label);
            }
        }
        if (!proven.isEmpty()) {
            return Outcome.pass(strong ? FOUND : FILES_FOUND, Evidence.of().put("backups", List.copyOf(proven))
                    .put("datedBy", List.copyOf(datedBy)).put("count", b.jobs().size()).map());
        }
        if (unverified.isEmpty()) {
            return Outcome.fail(NO_COPIES, Evidence.of().put("jobsWithoutCopies", empty).map());
        }
        return Outcome.unknown(UNVERIFIED, Evidence.of().put("jobsUnverified", unverified)
                .put("jobsWithoutCopies", empty).map());
    }

    static String label(BackupJob j) {
        return j.product() + (j.name() != null ? " " + j.name() : "");
    }
}
