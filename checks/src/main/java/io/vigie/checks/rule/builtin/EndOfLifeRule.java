package io.vigie.checks.rule.builtin;

import io.vigie.checks.eol.EolAssessment;
import io.vigie.checks.eol.EolCatalogue;
import io.vigie.checks.eol.EolEntry;
import io.vigie.checks.eol.SupportLevel;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Listeners;
import io.vigie.checks.fact.OsIdentity;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.report.Severity;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The operating system still receives security fixes. Levels come from the end-of-life data and the injected
 * clock; a paid extension counts only when seen enabled. An end-of-life OS that also listens for remote access
 * on the network is critical (ports in the {@code remoteAccessTcpPorts} parameter). "Supported" is said only while
 * the product's data is current: past the next release expected after the data was verified, a new release may
 * have ended this one's support, so the answer is UNKNOWN (« données de fin de vie à mettre à jour »).
 */
public final class EndOfLifeRule extends FactRule<OsIdentity> {

    public static final String SUPPORTED = "os_supported";
    public static final String EXTENDED_PAID = "os_extended_paid";
    public static final String EXTENDED_FREE = "os_extended_free";
    public static final String END_OF_LIFE = "os_end_of_life";
    public static final String END_OF_LIFE_EXPOSED = "os_end_of_life_exposed";
    public static final String NOT_IN_CATALOGUE = "os_not_in_catalogue";
    public static final String EXTENDED_SUPPORT_UNKNOWN = "extended_support_unknown";
    public static final String DATA_STALE = "eol_data_stale";

    public EndOfLifeRule() {
        super("VIG-OS-001", FactKeys.OS_IDENTITY);
    }

    @Override
    protected Outcome judge(OsIdentity os, Fact<OsIdentity> fact, Snapshot snapshot, RuleContext ctx) {
        Evidence ev = Evidence.of()
                .put("os", os.name() != null ? os.name() : os.productId())
                .put("version", os.version())
                .put("build", os.build())
                .put("edition", os.edition());
        Optional<EolEntry> found = ctx.eol().find(os);
        if (found.isEmpty()) {
            return Outcome.unknown(NOT_IN_CATALOGUE, ev.put("productId", os.productId()).map());
        }
        EolEntry entry = found.get();
        LocalDate today = LocalDate.ofInstant(ctx.now(), ZoneOffset.UTC);
        EolAssessment a = EolCatalogue.assess(entry, os.extendedSupport(), today);
        ev.put("release", entry.label())
                .put("level", a.level().name())
                .put("securityEnd", entry.securityEnd())
                .put("extendedEnd", entry.extendedEnd())
                .put("extendedKind", entry.extendedKind())
                .put("extendedSupport", os.extendedSupport());
        EolCatalogue.Freshness freshness = ctx.eol().freshness(entry.product());
        if ((a.level() == SupportLevel.SUPPORTED || a.level() == SupportLevel.EXTENDED_PAID) && freshness.isStale(today)) {
            ev.put("dataVerified", freshness.verified()).put("dataStaleAfter", freshness.staleAfter())
                    .put("cadenceMonths", freshness.cadenceMonths());
            return Outcome.unknown(DATA_STALE, ev.map());
        }
        switch (a.level()) {
            case SUPPORTED:
                return Outcome.pass(SUPPORTED, ev.map());
            case EXTENDED_PAID:
                return Outcome.pass(EXTENDED_PAID, ev.map());
            case EXTENDED_FREE:
                return Outcome.fail(EXTENDED_FREE, ev.map()).withSeverity(Severity.LOW);
            case EOL:
            default:
                break;
        }
        boolean inPaidWindow = "PAID".equals(entry.extendedKind()) && entry.extendedEnd() != null
                && !today.isAfter(entry.extendedEnd());
        if (inPaidWindow && os.extendedSupport() == null) {
            return Outcome.unknown(EXTENDED_SUPPORT_UNKNOWN, ev.map());
        }
        Optional<Fact<Listeners>> listeners = snapshot.get(FactKeys.NET_LISTENERS).filter(Fact::isOk);
        if (listeners.isEmpty()) {
            ev.put("exposureKnown", false);
            return Outcome.fail(END_OF_LIFE, ev.map());
        }
        NetworkExposure.Match m = NetworkExposure.find(listeners.get().value(),
                NetworkExposure.ports(ctx, "remoteAccessTcpPorts"), NetworkExposure.ports(ctx, "remoteAccessUdpPorts"),
                snapshot);
        m.addTo(ev.put("exposureKnown", true));
        if (m.any()) {
            ev.put("exposedPorts", m.ports()).put("exposedSockets", m.sockets());
            return Outcome.fail(END_OF_LIFE_EXPOSED, ev.map()).withSeverity(Severity.CRITICAL);
        }
        return Outcome.fail(END_OF_LIFE, ev.map());
    }

}
