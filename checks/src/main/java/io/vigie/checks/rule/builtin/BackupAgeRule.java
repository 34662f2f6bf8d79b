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
 * an old newest-known date with unreadable dates elsewhere is UNKNOWN, not FAIL.
 */
public final class BackupAgeRule extends FactRule<BackupStatus> {

    public static final String RECENT = "backup_recent";
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
        String newestJob = null;
        int undated = 0;
        for (BackupJob j : b.jobs()) {
            if (j.lastSuccess() == null) {
                undated++;
            } else if (newest == null || j.lastSuccess().isAfter(newest)) {
                newest = j.lastSuccess();
                newestJob = j.product() + (j.name() != null ? " " + j.name() : "");
            }
        }
        if (newest == null) {
            return Outcome.unknown(DATE_UNKNOWN, ev.put("undatedJobs", undated).map());
        }
        long age = Platforms.ageDays(newest, ctx.now());
        ev.put("lastSuccess", newest).put("ageDays", age).put("backup", newestJob);
        if (age <= max) {
            return Outcome.pass(RECENT, ev.map());
        }
        if (undated > 0) {
            return Outcome.unknown(DATE_UNKNOWN, ev.put("undatedJobs", undated).map());
        }
        return Outcome.fail(TOO_OLD, ev.map());
    }
}
