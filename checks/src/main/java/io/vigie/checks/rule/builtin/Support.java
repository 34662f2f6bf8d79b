package io.vigie.checks.rule.builtin;

import io.vigie.checks.eol.EolAssessment;
import io.vigie.checks.eol.EolCatalogue;
import io.vigie.checks.eol.EolEntry;
import io.vigie.checks.eol.SupportLevel;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.OsIdentity;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.rule.RuleContext;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Whether this machine's operating system still receives updates, read from {@code os.identity} and the
 * end-of-life data at the judging date. Rules that take "nothing to install" as good news ask this first: on an
 * abandoned system an empty update list means no fix will ever come, not that the machine is current.
 */
final class Support {

    /** What the data lets us say. */
    enum State {
        /** Regular support, community long-term support, or a paid extension seen enabled. */
        RECEIVES_UPDATES,
        /** Past the end of security updates (and of any extension this machine has). */
        ABANDONED,
        /** OS unknown, not in the data, data past its date, or a paid extension that could not be checked. */
        UNKNOWN
    }

    /**
     * @param state what we can say
     * @param entry the lifecycle entry used (null when none)
     * @param level the support level when an entry was found
     */
    record Reading(State state, EolEntry entry, SupportLevel level) {

        /** Adds the release, its end of security updates and the support level to {@code ev}. */
        Evidence addTo(Evidence ev) {
            if (entry != null) {
                ev.put("release", entry.label()).put("securityEnd", entry.securityEnd()).put("supportLevel", level);
            }
            return ev.put("support", state);
        }
    }

    private Support() {
    }

    static Reading of(Snapshot snapshot, RuleContext ctx) {
        Optional<OsIdentity> os = snapshot.get(FactKeys.OS_IDENTITY).filter(Fact::isOk).map(Fact::value);
        if (os.isEmpty()) {
            return new Reading(State.UNKNOWN, null, null);
        }
        Optional<EolEntry> found = ctx.eol().find(os.get());
        if (found.isEmpty()) {
            return new Reading(State.UNKNOWN, null, null);
        }
        EolEntry entry = found.get();
        LocalDate today = LocalDate.ofInstant(ctx.now(), ZoneOffset.UTC);
        EolAssessment a = EolCatalogue.assess(entry, os.get().extendedSupport(), today);
        if (a.level() != SupportLevel.EOL) {
            if (ctx.eol().freshness(entry.product()).isStale(today)) {
                return new Reading(State.UNKNOWN, entry, a.level());
            }
            return new Reading(State.RECEIVES_UPDATES, entry, a.level());
        }
        boolean inPaidWindow = "PAID".equals(entry.extendedKind()) && entry.extendedEnd() != null
                && !today.isAfter(entry.extendedEnd());
        if (inPaidWindow && os.get().extendedSupport() == null) {
            return new Reading(State.UNKNOWN, entry, a.level());
        }
        return new Reading(State.ABANDONED, entry, a.level());
    }
}
