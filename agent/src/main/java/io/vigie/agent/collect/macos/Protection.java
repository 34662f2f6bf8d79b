package io.vigie.agent.collect.macos;

import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.exec.CommandResult;
import io.vigie.checks.fact.AntivirusStatus;
import io.vigie.checks.fact.AvProduct;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.PlatformProtection;
import io.vigie.checks.fact.Reason;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Built-in protections and antivirus:
 * <ul>
 *   <li>{@code os.protection}: Gatekeeper from spctl(8) {@code --status} ("assessments enabled|disabled"), System
 *       Integrity Protection from {@code csrutil status} ("System Integrity Protection status: enabled." /
 *       "disabled." / "unknown (Custom Configuration)." = some protections off, reported as not enabled), and the
 *       XProtect version. No root needed.</li>
 *   <li>{@code av.status}: XProtect — its bundle's {@code CFBundleShortVersionString} and the modification time
 *       of its Info.plist (when the definitions last changed), from
 *       {@code /Library/Apple/System/Library/CoreServices/XProtect.bundle} and, since macOS 15, the copy updated
 *       outside software updates in {@code /private/var/protected/xprotect/XProtect.bundle} (the higher version
 *       wins) — plus known third-party antivirus and EDR apps ({@code mac-products.json}), reported as installed
 *       with their engine state unknown. XProtect scans apps when first launched, when changed and when its
 *       signatures change (Apple Platform Security guide), and SIP keeps it from being turned off: it is reported
 *       enabled with real-time scanning.</li>
 * </ul>
 */
final class Protection implements Collector {

    static final List<String> XPROTECT = List.of(
            "/Library/Apple/System/Library/CoreServices/XProtect.bundle/Contents/Info.plist",
            "/private/var/protected/xprotect/XProtect.bundle/Contents/Info.plist");

    private final MacProducts products;

    Protection(MacProducts products) {
        this.products = products;
    }

    @Override
    public String name() {
        return "protection";
    }

    @Override
    public List<FactKey<?>> keys() {
        return List.of(FactKeys.AV_STATUS, FactKeys.OS_PROTECTION);
    }

    /** The XProtect bundle found, or why none could be read. */
    record XProtect(String version, Instant updatedAt, Reason problem) {
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        XProtect xp = xprotect(ctx);
        List<Fact<?>> out = new ArrayList<>();
        out.add(av(ctx, xp));
        out.add(platform(ctx, xp));
        return out;
    }

    static XProtect xprotect(CollectContext ctx) {
        String best = null;
        Instant at = null;
        Reason problem = null;
        for (String path : XPROTECT) {
            Plist.Read r = Plist.read(ctx, path);
            if (!r.ok()) {
                if (r.state() != Plist.State.ABSENT && problem == null) {
                    problem = r.reason();
                }
                continue;
            }
            String v = Plist.string(r.root(), "CFBundleShortVersionString").orElse(null);
            if (v != null && (best == null || compareVersions(v, best) > 0)) {
                best = v;
                at = ctx.files().modified(path).orElse(null);
            }
        }
        if (best == null && problem == null) {
            problem = Reason.of(Reason.NOT_INSTALLED, "no XProtect bundle found");
        }
        return new XProtect(best, at, best == null ? problem : null);
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? parse(x[i]) : 0;
            long q = i < y.length ? parse(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s.replaceAll("\\D", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private Fact<?> av(CollectContext ctx, XProtect xp) {
        List<AvProduct> found = new ArrayList<>();
        List<String> lookedFor = new ArrayList<>();
        lookedFor.add("XProtect");
        if (xp.version() != null) {
            found.add(new AvProduct("XProtect", true, true, xp.updatedAt(), null, "built-in", false));
        }
        for (MacProducts.AvSpec spec : products.antivirus()) {
            lookedFor.add(spec.name());
            if (MacProducts.installed(ctx, spec.paths())) {
                found.add(new AvProduct(spec.name(), null, null, null, null, null, spec.edr()));
            }
        }
        if (xp.version() == null && found.isEmpty() && !Reason.NOT_INSTALLED.equals(xp.problem().code())) {
            return Fact.unknown(FactKeys.AV_STATUS, "XProtect.bundle", ctx.now(), xp.problem());
        }
        return Fact.ok(FactKeys.AV_STATUS, "XProtect.bundle + /Applications", ctx.now(),
                new AntivirusStatus(found, lookedFor));
    }

    private Fact<?> platform(CollectContext ctx, XProtect xp) {
        CommandResult spctl = Probe.run(ctx, "spctl", "--status");
        Boolean gatekeeper = gatekeeper(Probe.both(spctl));
        CommandResult csr = Probe.run(ctx, "csrutil", "status");
        Boolean sip = csr.ok() ? sip(csr.stdout()) : null;
        if (gatekeeper == null && sip == null && xp.version() == null) {
            CommandResult shown = spctl.notFound() ? csr : spctl;
            return Fact.unknown(FactKeys.OS_PROTECTION, "spctl + csrutil", ctx.now(), Probe.failure(shown));
        }
        return Fact.ok(FactKeys.OS_PROTECTION, "spctl --status + csrutil status + XProtect.bundle", ctx.now(),
                new PlatformProtection(gatekeeper, sip, xp.version()));
    }

    /** spctl exits 1 when assessments are disabled: the text decides, not the exit code. */
    static Boolean gatekeeper(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("assessments enabled")) {
            return true;
        }
        if (t.contains("assessments disabled")) {
            return false;
        }
        return null;
    }

    static Boolean sip(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        int i = t.indexOf("system integrity protection status:");
        if (i < 0) {
            return null;
        }
        String rest = t.substring(i + "system integrity protection status:".length()).strip();
        if (rest.startsWith("enabled") && !rest.contains("custom configuration")) {
            return true;
        }
        if (rest.startsWith("disabled") || rest.contains("custom configuration")) {
            return false;
        }
        return null;
    }
}
