package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.LastInstall;
import io.vigie.checks.fact.PatchStatus;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;

import java.util.Optional;

/**
 * Updates were installed recently ({@code maxAgeDays}). An old last install is fine only when the update list is
 * fresh ({@code maxListAgeDays}), shows nothing to install, and the system still receives updates: on an
 * end-of-life system an empty list means abandoned, not current (FAIL); when support cannot be established the
 * empty list proves nothing (UNKNOWN).
 */
public final class LastUpdateAgeRule extends FactRule<LastInstall> {

    public static final String RECENT = "last_update_recent";
    public static final String TOO_OLD = "last_update_too_old";
    public static final String NOTHING_TO_INSTALL = "nothing_to_install";
    public static final String DATE_UNKNOWN = "last_update_date_unknown";
    public static final String NOTHING_TO_INSTALL_EOL = "nothing_to_install_end_of_life";
    public static final String NOTHING_TO_INSTALL_SUPPORT_UNKNOWN = "nothing_to_install_support_unknown";

    public LastUpdateAgeRule() {
        super("VIG-UPD-002", FactKeys.PATCH_LAST_INSTALL);
    }

    @Override
    protected Outcome judge(LastInstall li, Fact<LastInstall> fact, Snapshot snapshot, RuleContext ctx) {
        int max = ctx.intParam("maxAgeDays");
        Evidence ev = Evidence.of().put("maxAgeDays", max).put("origin", li.origin());
        if (li.lastInstallAt() == null) {
            return Outcome.unknown(DATE_UNKNOWN, ev.map());
        }
        long age = Platforms.ageDays(li.lastInstallAt(), ctx.now());
        ev.put("lastInstallAt", li.lastInstallAt()).put("ageDays", age);
        if (age <= max) {
            return Outcome.pass(RECENT, ev.map());
        }
        Optional<PatchStatus> status = snapshot.get(FactKeys.PATCH_STATUS).filter(Fact::isOk).map(Fact::value);
        if (status.isPresent()) {
            PatchStatus p = status.get();
            int maxList = ctx.intParam("maxListAgeDays");
            boolean fresh = p.sourceRefreshedAt() != null
                    && Platforms.ageDays(p.sourceRefreshedAt(), ctx.now()) <= maxList;
            if (fresh && p.pending() != null && p.pending() == 0) {
                ev.put("pending", 0).put("listRefreshedAt", p.sourceRefreshedAt());
                Support.Reading support = Support.of(snapshot, ctx);
                support.addTo(ev);
                return switch (support.state()) {
                    case RECEIVES_UPDATES -> Outcome.pass(NOTHING_TO_INSTALL, ev.map());
                    case ABANDONED -> Outcome.fail(NOTHING_TO_INSTALL_EOL, ev.map());
                    case UNKNOWN -> Outcome.unknown(NOTHING_TO_INSTALL_SUPPORT_UNKNOWN, ev.map());
                };
            }
        }
        return Outcome.fail(TOO_OLD, ev.map());
    }
}
