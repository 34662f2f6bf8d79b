package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.BackupJob;
import io.vigie.checks.fact.BackupStatus;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Some backup product or job is found on this machine. Says what was searched when nothing is found. */
public final class NoBackupRule extends FactRule<BackupStatus> {

    public static final String FOUND = "backup_found";
    public static final String NONE = "no_backup_found";
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
        Set<String> products = new LinkedHashSet<>();
        for (BackupJob j : b.jobs()) {
            products.add(j.product() + (j.name() != null ? " " + j.name() : ""));
        }
        return Outcome.pass(FOUND, Evidence.of().put("backups", List.copyOf(products)).put("count", b.jobs().size()).map());
    }
}
