package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.BuiltinAccounts;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;

/** Only root has user id 0 (another uid-0 account is a hidden second root, a classic backdoor). */
public final class ExtraUid0Rule extends FactRule<BuiltinAccounts> {

    public static final String FOUND = "extra_uid0_accounts";
    public static final String NONE = "only_root_uid0";
    public static final String UNKNOWN = "uid0_list_unknown";

    public ExtraUid0Rule() {
        super("VIG-ACC-005", FactKeys.ACCOUNTS_BUILTIN);
    }

    @Override
    protected Outcome judge(BuiltinAccounts b, Fact<BuiltinAccounts> fact, Snapshot snapshot, RuleContext ctx) {
        String family = Platforms.family(snapshot);
        if (Platforms.WINDOWS.equals(family)) {
            return Outcome.notApplicable(Reasons.NOT_APPLICABLE_ON_PLATFORM, Evidence.of().put("family", family).map());
        }
        if (b.extraUid0() == null) {
            return Outcome.unknown(UNKNOWN, Evidence.of().map());
        }
        Evidence ev = Evidence.of().put("accounts", b.extraUid0()).put("count", b.extraUid0().size());
        return b.extraUid0().isEmpty() ? Outcome.pass(NONE, ev.map()) : Outcome.fail(FOUND, ev.map());
    }
}
