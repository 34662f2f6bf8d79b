package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.PasswordHygiene;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.report.Severity;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;

import java.util.List;

/**
 * No account can log in without a password. Unix: empty password field (seen). Windows: "password not required"
 * flag (an empty password is then possible but cannot be observed: medium instead of high).
 */
public final class EmptyPasswordRule extends FactRule<PasswordHygiene> {

    public static final String EMPTY = "empty_password_accounts";
    public static final String NOT_REQUIRED = "password_not_required_accounts";
    public static final String NONE = "no_empty_password";
    public static final String UNKNOWN = "password_state_unknown";

    public EmptyPasswordRule() {
        super("VIG-ACC-006", FactKeys.ACCOUNTS_PASSWORDS);
    }

    @Override
    protected Outcome judge(PasswordHygiene p, Fact<PasswordHygiene> fact, Snapshot snapshot, RuleContext ctx) {
        List<String> empty = p.emptyPasswordAccounts();
        List<String> notRequired = p.passwordNotRequired();
        if (empty != null && !empty.isEmpty()) {
            return Outcome.fail(EMPTY, Evidence.of().put("accounts", empty).put("count", empty.size()).map());
        }
        if (notRequired != null && !notRequired.isEmpty()) {
            return Outcome.fail(NOT_REQUIRED, Evidence.of().put("accounts", notRequired).put("count", notRequired.size())
                    .put("blankPasswordLimited", p.blankPasswordLimited()).map()).withSeverity(Severity.MEDIUM);
        }
        // nothing bad seen: PASS only if the list that matters on this OS was actually read
        String family = Platforms.family(snapshot);
        boolean read;
        if (Platforms.WINDOWS.equals(family)) {
            read = notRequired != null;
        } else if (family != null) {
            read = empty != null;
        } else {
            read = empty != null && notRequired != null;
        }
        if (!read) {
            return Outcome.unknown(UNKNOWN, Evidence.of().put("family", family).map());
        }
        return Outcome.pass(NONE, Evidence.of().put("count", 0).map());
    }
}
