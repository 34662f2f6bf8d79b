package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.BuiltinAccounts;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;

/** The machine does not open a session by itself at start-up (anyone who switches it on would be logged in). */
public final class AutoLoginRule extends FactRule<BuiltinAccounts> {

    public static final String ON = "auto_login_on";
    public static final String OFF = "auto_login_off";
    public static final String UNKNOWN = "auto_login_unknown";

    public AutoLoginRule() {
        super("VIG-ACC-008", FactKeys.ACCOUNTS_BUILTIN);
    }

    @Override
    protected Outcome judge(BuiltinAccounts b, Fact<BuiltinAccounts> fact, Snapshot snapshot, RuleContext ctx) {
        if (b.autoLoginUser() != null) {
            return Outcome.fail(ON, Evidence.of().put("user", b.autoLoginUser()).map());
        }
        if (Boolean.TRUE.equals(b.autoLoginEnabled())) {
            // configured, but for an account the collector could not name
            return Outcome.fail(ON, Evidence.of().put("user", "?").map());
        }
        if (Boolean.FALSE.equals(b.autoLoginEnabled())) {
            return Outcome.pass(OFF, Evidence.of().put("autoLogin", false).map());
        }
        return Outcome.unknown(UNKNOWN, Evidence.of().map());
    }
}
