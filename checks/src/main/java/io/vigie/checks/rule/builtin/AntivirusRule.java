package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.AntivirusStatus;
import io.vigie.checks.fact.AvProduct;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.PlatformProtection;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.report.Severity;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An antivirus or EDR is on, with real-time protection. On macOS the built-in XProtect counts. On Linux the
 * severity is low: most Linux servers run without one and other measures matter more there.
 */
public final class AntivirusRule extends FactRule<AntivirusStatus> {

    public static final String ON = "antivirus_on";
    public static final String ON_SECURITY_CENTER = "antivirus_on_security_center";
    public static final String BUILTIN = "builtin_xprotect";
    public static final String NONE = "no_antivirus";
    public static final String OFF = "antivirus_off";
    public static final String REALTIME_OFF = "antivirus_realtime_off";
    public static final String UNKNOWN = "antivirus_state_unknown";

    public AntivirusRule() {
        super("VIG-AV-001", FactKeys.AV_STATUS);
    }

    @Override
    protected Outcome judge(AntivirusStatus a, Fact<AntivirusStatus> fact, Snapshot snapshot, RuleContext ctx) {
        List<String> lookedFor = a.lookedFor() == null ? List.of() : a.lookedFor();
        Evidence ev = Evidence.of().put("lookedFor", lookedFor);
        if (a.products() == null) {
            return Outcome.unknown(UNKNOWN, ev.map());
        }
        String family = Platforms.family(snapshot);
        List<String> realTime = new ArrayList<>();
        boolean onlySecurityCenter = true;
        List<String> realTimeOff = new ArrayList<>();
        List<String> off = new ArrayList<>();
        List<String> undetermined = new ArrayList<>();
        for (AvProduct p : a.products()) {
            if (p.enabled() == null) {
                undetermined.add(p.name());
            } else if (!p.enabled()) {
                off.add(p.name());
            } else if (p.realTime() == null) {
                undetermined.add(p.name());
            } else if (p.realTime()) {
                realTime.add(p.name());
                onlySecurityCenter &= AvProduct.FROM_SECURITY_CENTER.equals(p.stateSource());
            } else {
                realTimeOff.add(p.name());
            }
        }
        if (!realTime.isEmpty()) {
            // say which source decided: Windows Security Center's registration alone is weaker than the product's own
            return onlySecurityCenter
                    ? Outcome.pass(ON_SECURITY_CENTER, ev.put("products", realTime).put("stateSource", AvProduct.FROM_SECURITY_CENTER).map())
                    : Outcome.pass(ON, ev.put("products", realTime).map());
        }
        if (!undetermined.isEmpty()) {
            return Outcome.unknown(UNKNOWN, ev.put("products", undetermined).map());
        }
        Outcome o;
        if (!realTimeOff.isEmpty()) {
            o = Outcome.fail(REALTIME_OFF, ev.put("products", realTimeOff).map());
        } else if (!off.isEmpty()) {
            o = Outcome.fail(OFF, ev.put("products", off).map());
        } else {
            if (Platforms.MACOS.equals(family)) {
                Optional<PlatformProtection> pp = snapshot.get(FactKeys.OS_PROTECTION).filter(Fact::isOk).map(Fact::value);
                if (pp.isPresent() && pp.get().xprotectVersion() != null) {
                    return Outcome.pass(BUILTIN, ev.put("products", List.of("XProtect " + pp.get().xprotectVersion())).map());
                }
            }
            o = Outcome.fail(NONE, ev.map());
        }
        return Platforms.LINUX.equals(family) ? o.withSeverity(Severity.LOW) : o;
    }
}
