package io.vigie.agent.collect.windows;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.agent.collect.CollectContext;
import io.vigie.checks.fact.AntivirusStatus;
import io.vigie.checks.fact.AvProduct;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Reason;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code av.status}: products registered with root\SecurityCenter2 AntiVirusProduct (clients; productState decoded
 * as in {@link SecurityCenter}; entries whose program file is gone are stale and dropped), Microsoft Defender from
 * Get-MpComputerStatus, and security agents (EDR) recognised by their service names ({@code known-products.json}).
 */
final class AntivirusCollector extends ProbeCollector {

    static final String DEFENDER = "Microsoft Defender Antivirus";
    static final long DEFENDER_SERVICE_NOT_RUNNING = 0x800106BAL;

    AntivirusCollector() {
        super("windows-antivirus", "antivirus", List.of(FactKeys.AV_STATUS));
    }

    @Override
    List<Fact<?>> facts(CollectContext ctx, Probe p) {
        return List.of(status(p, ctx.now()));
    }

    static boolean isDefender(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return n.contains("windows defender") || n.contains("microsoft defender");
    }

    static Fact<AntivirusStatus> status(Probe p, Instant at) {
        String source = "SecurityCenter2 AntiVirusProduct, Get-MpComputerStatus, services (" + p.source() + ")";
        List<AvProduct> products = new ArrayList<>();
        Reason unknown = null;

        Probe.Section sc = p.section("securityCenter");
        Boolean defenderUpToDate = null;
        List<String> registered = new ArrayList<>();
        if (sc.ok()) {
            for (JsonNode n : Nodes.list(sc.node())) {
                String name = Nodes.text(n, "displayName");
                Long state = Nodes.number(n, "productState");
                if (name == null || Boolean.FALSE.equals(Nodes.bool(n, "exePresent"))) {
                    continue; // stale registration of an uninstalled product
                }
                registered.add(name);
                Boolean upToDate = state == null ? null : SecurityCenter.upToDate(state);
                if (isDefender(name)) {
                    defenderUpToDate = upToDate;
                }
                // Security Center's "on" engine state is the product's real-time scanning as registered with Windows
                // (what Windows Security shows as "on"); off, snoozed and expired are not real-time protection.
                Boolean on = state == null ? null : SecurityCenter.on(state);
                products.add(new AvProduct(name, on, on, null, upToDate, null, false,
                        state == null ? null : AvProduct.FROM_SECURITY_CENTER));
            }
        } else if (sc.error() == null || !sc.error().invalidNamespace()) {
            unknown = sc.failure(); // the namespace is absent on Windows Server: not an error
        }

        Probe.Section def = p.section("defender");
        if (def.ok()) {
            JsonNode d = def.node();
            Boolean service = Nodes.bool(d, "AMServiceEnabled");
            Boolean av = Nodes.bool(d, "AntivirusEnabled");
            Boolean enabled = Boolean.FALSE.equals(service) || Boolean.FALSE.equals(av) ? Boolean.FALSE
                    : service == null || av == null ? null : Boolean.TRUE;
            products.removeIf(x -> isDefender(x.name()));
            products.add(0, new AvProduct(DEFENDER, enabled, Nodes.bool(d, "RealTimeProtectionEnabled"),
                    Nodes.instant(d, "AntivirusSignatureLastUpdated"), defenderUpToDate, mode(Nodes.text(d, "AMRunningMode")),
                    false, AvProduct.FROM_DEFENDER));
        } else if (def.error() != null && def.error().hr(DEFENDER_SERVICE_NOT_RUNNING)) {
            products.removeIf(x -> isDefender(x.name()));
            products.add(0, new AvProduct(DEFENDER, false, false, null, null, "not-running", false, AvProduct.FROM_DEFENDER));
        } else if (def.error() == null || !(def.error().commandMissing() || def.error().invalidClass()
                || def.error().invalidNamespace())) {
            unknown = unknown == null ? def.failure() : unknown;
        }

        Probe.Section svc = p.section("services");
        List<String> lookedFor = new ArrayList<>(List.of("Windows Security Center", DEFENDER));
        if (svc.ok()) {
            List<RemoteAccessCollector.Service> services = RemoteAccessCollector.services(svc);
            for (KnownProducts.SecurityAgent a : KnownProducts.SECURITY_AGENTS) {
                lookedFor.add(a.name());
                List<RemoteAccessCollector.Service> m = services.stream()
                        .filter(s -> KnownProducts.any(a.services(), s.name())).toList();
                if (m.isEmpty()) {
                    continue;
                }
                boolean inSecurityCenter = a.securityCenter() != null
                        && registered.stream().anyMatch(r -> a.securityCenter().matcher(r).find());
                if (inSecurityCenter) {
                    continue; // already listed with Security Center's richer state
                }
                boolean running = m.stream().anyMatch(RemoteAccessCollector.Service::running);
                products.add(new AvProduct(a.name(), running, null, null, null, null, a.edr(), AvProduct.FROM_SERVICE));
            }
        } else {
            KnownProducts.SECURITY_AGENTS.forEach(a -> lookedFor.add(a.name()));
            unknown = unknown == null ? svc.failure() : unknown;
        }
        if (products.isEmpty() && unknown != null) {
            return Fact.unknown(FactKeys.AV_STATUS, source, at, unknown);
        }
        return Fact.ok(FactKeys.AV_STATUS, source, at, new AntivirusStatus(products, lookedFor));
    }

    /** AMRunningMode: "Normal", "Passive Mode", "SxS Passive Mode", "EDR Block Mode", "Not running". */
    static String mode(String m) {
        if (m == null) {
            return null;
        }
        String s = m.toLowerCase(Locale.ROOT);
        if (s.contains("edr")) {
            return "edr-block";
        }
        if (s.contains("passive")) {
            return "passive";
        }
        if (s.contains("not running")) {
            return "not-running";
        }
        if (s.equals("normal")) {
            return "normal";
        }
        return s.replace(' ', '-');
    }
}
