package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.fact.SshServer;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;

import java.util.Locale;
import java.util.Set;

/** root cannot log in over SSH with a password (PermitRootLogin not "yes"). */
public final class SshRootLoginRule extends FactRule<SshServer> {

    public static final String ALLOWED = "ssh_root_password_login";
    public static final String REFUSED = "ssh_root_login_restricted";
    public static final String UNKNOWN = "ssh_root_login_unknown";

    private static final Set<String> SAFE = Set.of("no", "prohibit-password", "without-password", "forced-commands-only");

    public SshRootLoginRule() {
        super("VIG-RMT-008", FactKeys.REMOTE_SSH);
    }

    @Override
    protected Outcome judge(SshServer s, Fact<SshServer> fact, Snapshot snapshot, RuleContext ctx) {
        Evidence ev = Evidence.of().put("configSource", s.configSource());
        if (Boolean.FALSE.equals(s.running())) {
            return Outcome.notApplicable(SshPasswordAuthRule.NOT_RUNNING, ev.map());
        }
        if (s.permitRootLogin() == null) {
            return Outcome.unknown(UNKNOWN, ev.map());
        }
        String v = s.permitRootLogin().trim().toLowerCase(Locale.ROOT);
        ev.put("permitRootLogin", v);
        if (v.equals("yes")) {
            return Outcome.fail(ALLOWED, ev.map());
        }
        return SAFE.contains(v) ? Outcome.pass(REFUSED, ev.map()) : Outcome.unknown(UNKNOWN, ev.map());
    }
}
