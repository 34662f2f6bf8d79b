package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.fact.SshServer;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;

/** The SSH server accepts keys only, not passwords (PasswordAuthentication and KbdInteractiveAuthentication off). */
public final class SshPasswordAuthRule extends FactRule<SshServer> {

    public static final String PASSWORDS = "ssh_password_auth";
    public static final String KEYS_ONLY = "ssh_keys_only";
    public static final String NOT_RUNNING = "ssh_not_running";
    public static final String UNKNOWN = "ssh_auth_unknown";

    public SshPasswordAuthRule() {
        super("VIG-RMT-007", FactKeys.REMOTE_SSH);
    }

    @Override
    protected Outcome judge(SshServer s, Fact<SshServer> fact, Snapshot snapshot, RuleContext ctx) {
        Evidence ev = Evidence.of().put("configSource", s.configSource());
        if (Boolean.FALSE.equals(s.running())) {
            return Outcome.notApplicable(NOT_RUNNING, ev.map());
        }
        ev.put("passwordAuthentication", s.passwordAuthentication()).put("kbdInteractive", s.kbdInteractive());
        if (Boolean.TRUE.equals(s.passwordAuthentication()) || Boolean.TRUE.equals(s.kbdInteractive())) {
            return Outcome.fail(PASSWORDS, ev.map());
        }
        if (s.passwordAuthentication() == null || s.kbdInteractive() == null) {
            return Outcome.unknown(UNKNOWN, ev.map());
        }
        return Outcome.pass(KEYS_ONLY, ev.map());
    }
}
