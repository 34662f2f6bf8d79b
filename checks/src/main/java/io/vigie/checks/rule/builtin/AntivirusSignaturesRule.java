package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.AntivirusStatus;
import io.vigie.checks.fact.AvProduct;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The active antivirus has recent signatures (at most {@code maxAgeDays} old, or the product says it is up to
 * date). Products in real-time mode are judged first; a passive product beside them does not count. Apple's
 * XProtect is not updated daily: its data is judged against {@code xprotectMaxAgeDays}, a limit suited to its
 * release cadence (both limits name their source in the catalogue).
 */
public final class AntivirusSignaturesRule extends FactRule<AntivirusStatus> {

    public static final String FRESH = "signatures_fresh";
    public static final String STALE = "signatures_stale";
    public static final String NO_ACTIVE = "no_active_antivirus";
    public static final String UNKNOWN = "signatures_age_unknown";

    public AntivirusSignaturesRule() {
        super("VIG-AV-002", FactKeys.AV_STATUS);
    }

    @Override
    protected Outcome judge(AntivirusStatus a, Fact<AntivirusStatus> fact, Snapshot snapshot, RuleContext ctx) {
        int defaultMax = ctx.intParam("maxAgeDays");
        int xprotectMax = ctx.intParam("xprotectMaxAgeDays");
        Evidence ev = Evidence.of().put("maxAgeDays", defaultMax);
        if (a.products() == null) {
            return Outcome.unknown(UNKNOWN, ev.map());
        }
        List<AvProduct> active = a.products().stream().filter(p -> Boolean.TRUE.equals(p.enabled())).toList();
        List<AvProduct> realTime = active.stream().filter(p -> Boolean.TRUE.equals(p.realTime())).toList();
        List<AvProduct> judged = realTime.isEmpty() ? active : realTime;
        if (judged.isEmpty()) {
            return Outcome.notApplicable(NO_ACTIVE, ev.map());
        }
        List<String> stale = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        Instant oldest = null;
        Integer staleLimit = null;
        for (AvProduct p : judged) {
            Instant at = p.signaturesUpdatedAt();
            if (at != null && (oldest == null || at.isBefore(oldest))) {
                oldest = at;
            }
            int max = isXProtect(p) ? xprotectMax : defaultMax;
            if (Boolean.FALSE.equals(p.upToDate()) || (at != null && Platforms.ageDays(at, ctx.now()) > max)) {
                if (staleLimit == null) {
                    staleLimit = max;
                }
                stale.add(p.name());
            } else if (at != null || Boolean.TRUE.equals(p.upToDate())) {
                fresh.add(p.name());
            } else {
                unknown.add(p.name());
            }
        }
        if (oldest != null) {
            ev.put("signaturesUpdatedAt", oldest).put("ageDays", Platforms.ageDays(oldest, ctx.now()));
        }
        if (!stale.isEmpty()) {
            ev.put("maxAgeDays", staleLimit);
            return Outcome.fail(STALE, ev.put("products", stale).map());
        }
        if (!unknown.isEmpty()) {
            return Outcome.unknown(UNKNOWN, ev.put("products", unknown).map());
        }
        if (judged.stream().anyMatch(p -> isXProtect(p))) {
            ev.put("xprotectMaxAgeDays", xprotectMax);
        }
        return Outcome.pass(FRESH, ev.put("products", fresh).map());
    }

    /** Apple's built-in protection, as the macOS collector names it. */
    private static boolean isXProtect(AvProduct p) {
        return "XProtect".equals(p.name());
    }
}
