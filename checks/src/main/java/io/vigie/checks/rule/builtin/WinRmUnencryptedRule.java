package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.fact.WinRm;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;

/** When WinRM (remote administration by PowerShell) runs, it refuses unencrypted traffic. */
public final class WinRmUnencryptedRule extends FactRule<WinRm> {

    public static final String UNENCRYPTED = "winrm_unencrypted";
    public static final String ENCRYPTED = "winrm_encrypted_only";
    public static final String NOT_RUNNING = "winrm_not_running";
    public static final String UNKNOWN = "winrm_state_unknown";

    public WinRmUnencryptedRule() {
        super("VIG-RMT-010", FactKeys.REMOTE_WINRM);
    }

    @Override
    protected Outcome judge(WinRm w, Fact<WinRm> fact, Snapshot snapshot, RuleContext ctx) {
        Evidence ev = Evidence.of().put("serviceRunning", w.serviceRunning()).put("listenerPorts", w.listenerPorts());
        if (Boolean.FALSE.equals(w.serviceRunning())) {
            return Outcome.notApplicable(NOT_RUNNING, ev.map());
        }
        if (w.unencrypted() == null) {
            return Outcome.unknown(UNKNOWN, ev.map());
        }
        ev.put("allowUnencrypted", w.unencrypted());
        return w.unencrypted() ? Outcome.fail(UNENCRYPTED, ev.map()) : Outcome.pass(ENCRYPTED, ev.map());
    }
}
