package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.AdminAccounts;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;

/** Becoming administrator (sudo) asks for a password: no NOPASSWD entry in sudoers. */
public final class PasswordlessSudoRule extends FactRule<AdminAccounts> {

    public static final String FOUND = "passwordless_sudo";
    public static final String NONE = "sudo_requires_password";
    public static final String UNKNOWN = "sudoers_unknown";
    public static final String NOT_INSTALLED = "sudo_not_installed";

    public PasswordlessSudoRule() {
        super("VIG-ACC-007", FactKeys.ACCOUNTS_ADMINS);
    }

    @Override
    protected Outcome judge(AdminAccounts a, Fact<AdminAccounts> fact, Snapshot snapshot, RuleContext ctx) {
        String family = Platforms.family(snapshot);
        if (Platforms.WINDOWS.equals(family)) {
            return Outcome.notApplicable(Reasons.NOT_APPLICABLE_ON_PLATFORM, Evidence.of().put("family", family).map());
        }
        if (Boolean.FALSE.equals(a.sudoInstalled())) {
            // no sudo program: nobody can become administrator through sudo, with or without a password; not a PASS,
            // which would claim that sudo asks for one
            return Outcome.notApplicable(NOT_INSTALLED, Evidence.of().put("sudoInstalled", false).map());
        }
        if (a.passwordlessSudo() == null) {
            return Outcome.unknown(UNKNOWN, Evidence.of().map());
        }
        Evidence ev = Evidence.of().put("entries", a.passwordlessSudo()).put("count", a.passwordlessSudo().size());
        return a.passwordlessSudo().isEmpty() ? Outcome.pass(NONE, ev.map()) : Outcome.fail(FOUND, ev.map());
    }
}
