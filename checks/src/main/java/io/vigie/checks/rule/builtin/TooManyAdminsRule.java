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

/**
 * Few accounts can administer the machine (at most {@code maxAdmins} enabled ones; disabled accounts do not count).
 * root itself (Unix uid 0 named root) is the machine, not an extra administrator, and is not counted; any other
 * uid-0 account is. A group member whose own members cannot be listed (a domain group in Administrators) counts as
 * at least one principal, and the count then says « au moins ».
 */
public final class TooManyAdminsRule extends FactRule<AdminAccounts> {

    public static final String TOO_MANY = "too_many_admins";
    public static final String TOO_MANY_AT_LEAST = "too_many_admins_at_least";
    public static final String FEW = "admins_within_limit";
    public static final String FEW_WITH_GROUPS = "admins_within_limit_with_groups";
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
        List<String> groups = new ArrayList<>();
        int unknownState = 0;
        for (Account acc : a.admins()) {
            if (Boolean.FALSE.equals(acc.enabled()) || isRoot(acc)) {
                continue;
            }
            String label = acc.name() != null ? acc.name() : acc.id();
            if (Boolean.TRUE.equals(acc.group())) {
                // at least one principal behind it, whatever its (unlisted) members' state
                groups.add(label);
            } else if (acc.enabled() == null) {
                unknownState++;
            }
            enabled.add(label);
        }
        ev.put("count", enabled.size()).put("admins", enabled);
        if (!groups.isEmpty()) {
            ev.put("groups", groups).put("countIsMinimum", true);
        }
        if (enabled.size() > max) {
            // accounts whose state is unknown are counted: only fail when the known-enabled ones alone exceed
            if (enabled.size() - unknownState > max) {
                return Outcome.fail(groups.isEmpty() ? TOO_MANY : TOO_MANY_AT_LEAST, ev.map());
            }
            return Outcome.unknown(LIST_UNKNOWN, ev.map());
        }
        return Outcome.pass(groups.isEmpty() ? FEW : FEW_WITH_GROUPS, ev.map());
    }

    /** root (uid 0, or a macOS admin-group member named root without uid): the machine itself. */
    static boolean isRoot(Account acc) {
        return "root".equals(acc.name()) && (acc.id() == null || "0".equals(acc.id()))
                && !(acc.via() != null && acc.via().startsWith("S-1-"));
    }
}
