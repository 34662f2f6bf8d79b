package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.Account;
import io.vigie.checks.fact.AdminAccounts;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;

import java.util.ArrayList;
import java.util.List;

/** Few accounts can administer the machine (at most {@code maxAdmins} enabled ones; disabled accounts do not count). */
public final class TooManyAdminsRule extends FactRule<AdminAccounts> {

    public static final String TOO_MANY = "too_many_admins";
    public static final String FEW = "admins_within_limit";
    public static final String LIST_UNKNOWN = "admin_list_unknown";

    public TooManyAdminsRule() {
        super("VIG-ACC-002", FactKeys.ACCOUNTS_ADMINS);
    }

    @Override
    protected Outcome judge(AdminAccounts a, Fact<AdminAccounts> fact, Snapshot snapshot, RuleContext ctx) {
        int max = ctx.intParam("maxAdmins");
        Evidence ev = Evidence.of().put("maxAdmins", max);
        if (a.admins() == null) {
            return Outcome.unknown(LIST_UNKNOWN, ev.map());
        }
        List<String> enabled = new ArrayList<>();
        int unknownState = 0;
        for (Account acc : a.admins()) {
            if (Boolean.FALSE.equals(acc.enabled())) {
                continue;
            }
            if (acc.enabled() == null) {
                unknownState++;
            }
            enabled.add(acc.name() != null ? acc.name() : acc.id());
        }
        ev.put("count", enabled.size()).put("admins", enabled);
        if (enabled.size() > max) {
            // accounts whose state is unknown are counted: only fail when the known-enabled ones alone exceed
            if (enabled.size() - unknownState > max) {
                return Outcome.fail(TOO_MANY, ev.map());
            }
            return Outcome.unknown(LIST_UNKNOWN, ev.map());
        }
        return Outcome.pass(FEW, ev.map());
    }
}
