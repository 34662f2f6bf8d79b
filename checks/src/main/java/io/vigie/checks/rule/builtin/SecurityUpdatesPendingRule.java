package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.PatchStatus;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;

/**
 * No security update waits to be installed. On an end-of-life system the vendor publishes no more fixes, so an
 * empty list is not good news: FAIL with its own reason.
 */
public final class SecurityUpdatesPendingRule extends FactRule<PatchStatus> {

    public static final String PENDING = "security_updates_pending";
    public static final String NONE = "no_security_updates_pending";
    public static final String COUNT_UNKNOWN = "security_count_unknown";
    public static final String NONE_END_OF_LIFE = "no_security_updates_end_of_life";

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
                return none(ev.put("securityPending", 0), snapshot, ctx);
            }
            return Outcome.unknown(COUNT_UNKNOWN, ev.map());
        }
        if (security > 0) {
            ev.put("packages", p.securityPackages() == null ? java.util.List.of() : p.securityPackages());
            return Outcome.fail(PENDING, ev.map());
        }
        return none(ev, snapshot, ctx);
    }

    private static Outcome none(Evidence ev, Snapshot snapshot, RuleContext ctx) {
        Support.Reading support = Support.of(snapshot, ctx);
        if (support.state() == Support.State.ABANDONED) {
            return Outcome.fail(NONE_END_OF_LIFE, support.addTo(ev).map());
        }
        return Outcome.pass(NONE, ev.map());
    }
}
