package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.PatchStatus;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;

/** No security update waits to be installed. */
public final class SecurityUpdatesPendingRule extends FactRule<PatchStatus> {

    public static final String PENDING = "security_updates_pending";
    public static final String NONE = "no_security_updates_pending";
    public static final String COUNT_UNKNOWN = "security_count_unknown";

    public SecurityUpdatesPendingRule() {
        super("VIG-UPD-001", FactKeys.PATCH_STATUS);
    }

    @Override
    protected Outcome judge(PatchStatus p, Fact<PatchStatus> fact, Snapshot snapshot, RuleContext ctx) {
        Evidence ev = Evidence.of()
                .put("manager", p.manager())
                .put("pending", p.pending())
                .put("securityPending", p.securityPending())
                .put("listRefreshedAt", p.sourceRefreshedAt());
        Integer security = p.securityPending();
        if (security == null) {
            // with nothing pending at all, nothing security-related is pending either
            if (p.pending() != null && p.pending() == 0) {
                return Outcome.pass(NONE, ev.put("securityPending", 0).map());
            }
            return Outcome.unknown(COUNT_UNKNOWN, ev.map());
        }
        if (security > 0) {
            ev.put("packages", p.securityPackages() == null ? java.util.List.of() : p.securityPackages());
            return Outcome.fail(PENDING, ev.map());
        }
        return Outcome.pass(NONE, ev.map());
    }
}
