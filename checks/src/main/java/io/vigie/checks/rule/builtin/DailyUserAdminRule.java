package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.AdminAccounts;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;

/**
 * The person who uses the machine every day does not work with administrator rights. The person logged on now is
 * judged first; with nobody logged on (a scheduled run), the recent interactive users are (Windows profiles' last
 * use, {@code last}/wtmp), and the evidence says so and where they come from.
 */
public final class DailyUserAdminRule extends FactRule<AdminAccounts> {

    public static final String IS_ADMIN = "daily_user_is_admin";
    public static final String NOT_ADMIN = "daily_user_not_admin";
    public static final String RECENT_ADMIN = "recent_user_is_admin";
    public static final String RECENT_NOT_ADMIN = "recent_users_not_admin";
    public static final String NO_USER = "no_interactive_user";
    public static final String UNKNOWN = "daily_user_rights_unknown";
    public static final String HISTORY_UNREAD = "recent_users_unread";

    public DailyUserAdminRule() {
        super("VIG-ACC-001", FactKeys.ACCOUNTS_ADMINS);
    }

    @Override
    protected Outcome judge(AdminAccounts a, Fact<AdminAccounts> fact, Snapshot snapshot, RuleContext ctx) {
        Evidence ev = Evidence.of().put("user", a.interactiveUser());
        if (a.interactiveUser() == null) {
            if (a.recentUsers() != null && !a.recentUsers().isEmpty()) {
                ev.put("users", a.recentUsers()).put("usersSource", a.recentUsersSource());
                if (a.recentUsersAdmin() == null) {
                    return Outcome.unknown(UNKNOWN, ev.map());
                }
                return a.recentUsersAdmin().isEmpty() ? Outcome.pass(RECENT_NOT_ADMIN, ev.map())
                        : Outcome.fail(RECENT_ADMIN, ev.put("admins", a.recentUsersAdmin()).map());
            }
            if (a.recentUsers() == null) {
                // nobody logged on and the logon history unread: the daily user is unknown, not absent
                return Outcome.unknown(HISTORY_UNREAD, ev.map());
            }
            return a.interactiveUserIsAdmin() == null
                    ? Outcome.notApplicable(NO_USER, ev.map())
                    : Outcome.unknown(UNKNOWN, ev.map());
        }
        if (a.interactiveUserIsAdmin() == null) {
            return Outcome.unknown(UNKNOWN, ev.map());
        }
        return a.interactiveUserIsAdmin() ? Outcome.fail(IS_ADMIN, ev.map()) : Outcome.pass(NOT_ADMIN, ev.map());
    }
}
