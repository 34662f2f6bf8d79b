package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.BackupJob;
import io.vigie.checks.fact.BackupStatus;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;

import java.time.Instant;

/**
 * The newest successful backup is at most {@code maxAgeDays} old. One class for the 7-day (VIG-BAK-002) and
 * 30-day (VIG-BAK-003) limits; the limit is data. A job whose date could not be read may be the recent one, so
 * an old newest-known date with unreadable dates elsewhere is UNKNOWN, not FAIL; a job proven to hold no copy
 * (missing or empty repository) is not such a job. A pass says what dated the copy: the job's own result, an
 * encrypted repository's file times read without its key ({@value #RECENT_REPOSITORY}), or only the newest file
 * of a folder ({@value #FILES_RECENT}, weaker evidence).
 */
public final class BackupAgeRule extends FactRule<BackupStatus> {

    public static final String RECENT = "backup_recent";
    public static final String RECENT_REPOSITORY = "backup_recent_repository";
    public static final String FILES_RECENT = "backup_files_recent";
    public static final String TOO_OLD = "backup_too_old";
    public static final String DATE_UNKNOWN = "backup_date_unknown";
    public static final String NO_BACKUP = "no_backup_to_date";

    public BackupAgeRule(String id) {
        super(id, FactKeys.BACKUP_STATUS);
    }

    @Override
    protected Outcome judge(BackupStatus b, Fact<BackupStatus> fact, Snapshot snapshot, RuleContext ctx) {
        int max = ctx.intParam("maxAgeDays");
        Evidence ev = Evidence.of().put("maxAgeDays", max);
        if (b.jobs() == null) {
            return Outcome.unknown(NoBackupRule.UNKNOWN, ev.map());
        }
        if (b.jobs().isEmpty()) {
            // "no backup at all" is VIG-BAK-001's finding; its age is not a second one
            return Outcome.notApplicable(NO_BACKUP, ev.map());
        }
        Instant newest = null;
        BackupJob newestJob = null;
        int undated = 0;
        int empty = 0;
        for (BackupJob j : b.jobs()) {
            if (j.provenEmpty()) {
                empty++;
            } else if (j.lastSuccess() == null) {
                undated++;
            } else if (newest == null || j.lastSuccess().isAfter(newest)
                    // at the same instant, the stronger evidence speaks
                    || (j.lastSuccess().equals(newest) && newestJob.datedByFilesOnly() && !j.datedByFilesOnly())) {
                newest = j.lastSuccess();
                newestJob = j;
            }
        }
        if (newest == null) {
            if (undated == 0) {
                // every job is proven to hold no copy: VIG-BAK-001's finding, not an age
                return Outcome.notApplicable(NO_BACKUP, ev.put("jobsWithoutCopies", empty).map());
            }
            return Outcome.unknown(DATE_UNKNOWN, ev.put("undatedJobs", undated).map());
        }
        long age = Platforms.ageDays(newest, ctx.now());
        ev.put("lastSuccess", newest).put("ageDays", age).put("backup", NoBackupRule.label(newestJob))
                .put("datedBy", newestJob.datedBy());
        if (age <= max) {
            String reason = newestJob.datedByFilesOnly() ? FILES_RECENT
                    : BackupJob.BY_SNAPSHOT_FILES.equals(newestJob.datedBy())
                    || BackupJob.BY_REPOSITORY_FILES.equals(newestJob.datedBy()) ? RECENT_REPOSITORY : RECENT;
            return Outcome.pass(reason, ev.map());
        }
        if (undated > 0) {
            return Outcome.unknown(DATE_UNKNOWN, ev.put("undatedJobs", undated).map());
        }
        return Outcome.fail(TOO_OLD, ev.map());
    }
}
