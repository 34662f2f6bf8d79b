package io.vigie.agent.collect.windows;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.agent.collect.CollectContext;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.OsIdentity;
import io.vigie.checks.fact.Reason;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code os.identity} from {@code HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion} (CurrentBuild, UBR,
 * DisplayVersion/ReleaseId, EditionID, InstallationType), the localized caption of Win32_OperatingSystem for the
 * name, and ESU licences ({@code SoftwareLicensingProduct}). {@code os.protection} (Gatekeeper, SIP, XProtect) is a
 * macOS fact: NOT_APPLICABLE here.
 */
final class OsIdentityCollector extends ProbeCollector {

    static final String REGISTRY = "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";

    /** Windows Server long-term releases by build: the release year is what end-of-life data is keyed by. */
    static final Map<Integer, String> SERVER_RELEASES = Map.of(
            9600, "2012-r2", 14393, "2016", 17763, "2019", 20348, "2022", 26100, "2025");

    OsIdentityCollector() {
        super("windows-os", "os-identity", List.of(FactKeys.OS_IDENTITY, FactKeys.OS_PROTECTION));
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        List<Fact<?>> facts = new java.util.ArrayList<>(super.collect(ctx));
        facts.removeIf(f -> f.key().equals(FactKeys.OS_PROTECTION.name()));
        facts.add(protection(ctx.now()));
        return facts;
    }

    static Fact<?> protection(Instant at) {
        return Fact.notApplicable(FactKeys.OS_PROTECTION, "windows", at, Reason.of(Reason.NOT_SUPPORTED,
                "Gatekeeper, SIP and XProtect are macOS protections; Windows antivirus and firewall are av.status and firewall.status"));
    }

    @Override
    List<Fact<?>> facts(CollectContext ctx, Probe p) {
        return List.of(identity(p, ctx.now()));
    }

    static Fact<OsIdentity> identity(Probe p, Instant at) {
        String source = REGISTRY + " (" + p.source() + ")";
        Probe.Section cv = p.section("currentVersion");
        if (!cv.ok()) {
            return Fact.unknown(FactKeys.OS_IDENTITY, source, at, cv.failure());
        }
        JsonNode v = cv.node();
        Long build = Nodes.number(v, "CurrentBuild");
        if (build == null) {
            return Fact.unknown(FactKeys.OS_IDENTITY, source, at,
                    Reason.of(Reason.UNPARSABLE_OUTPUT, "CurrentBuild missing or not a number"));
        }
        int b = (int) (long) build;
        Long ubr = Nodes.number(v, "UBR");
        String edition = Nodes.text(v, "EditionID");
        String installation = Nodes.text(v, "InstallationType");
        String editionClass = editionClass(edition, installation);
        boolean server = "SERVER".equals(editionClass);
        String display = Nodes.text(v, "DisplayVersion");
        if (display == null) {
            display = Nodes.text(v, "ReleaseId");
        }
        String version = server && SERVER_RELEASES.containsKey(b) ? SERVER_RELEASES.get(b) : display;

        Probe.Section os = p.section("os");
        String caption = os.ok() ? Nodes.text(os.node(), "Caption") : null;
        String name = name(caption != null ? caption : Nodes.text(v, "ProductName"), b);

        String arch = arch(Nodes.text(p.root(), "processorArchitecture"));
        Boolean esu = esu(p.section("esu"));
        String full = "10.0." + b + (ubr == null ? "" : "." + ubr);
        return Fact.ok(FactKeys.OS_IDENTITY, source, at, new OsIdentity("windows", server ? "windows-server" : "windows",
                name, version, full, edition, editionClass, "10.0." + b, arch, esu));
    }

    /** HOME_PRO, ENTERPRISE_EDU, LTSC (EnterpriseS…) or SERVER, from EditionID and InstallationType. */
    static String editionClass(String edition, String installationType) {
        String e = edition == null ? "" : edition.toLowerCase(Locale.ROOT);
        String t = installationType == null ? "" : installationType.toLowerCase(Locale.ROOT);
        if (t.startsWith("server") || e.startsWith("server")) {
            return "SERVER";
        }
        if (e.startsWith("enterprises") || e.startsWith("iotenterprises")) {
            return "LTSC";
        }
        if (e.startsWith("enterprise") || e.startsWith("education") || e.startsWith("iotenterprise")) {
            return "ENTERPRISE_EDU";
        }
        if (e.isEmpty()) {
            return null;
        }
        return "HOME_PRO";
    }

    /**
     * Human name from the (localized) caption, without "Microsoft "; "Windows 10" in a name is corrected to
     * "Windows 11" from build 22000 on (ProductName keeps saying Windows 10 on Windows 11).
     */
    static String name(String caption, int build) {
        if (caption == null) {
            return build >= 22000 ? "Windows 11" : null;
        }
        String n = caption.strip();
        if (n.startsWith("Microsoft ")) {
            n = n.substring("Microsoft ".length());
        }
        if (build >= 22000 && n.contains("Windows 10")) {
            n = n.replace("Windows 10", "Windows 11");
        }
        return n;
    }

    static String arch(String processorArchitecture) {
        if (processorArchitecture == null) {
            return null;
        }
        return switch (processorArchitecture.toUpperCase(Locale.ROOT)) {
            case "AMD64" -> "x86_64";
            case "ARM64" -> "aarch64";
            case "X86" -> "x86";
            default -> processorArchitecture;
        };
    }

    /** ESU: a licensed (LicenseStatus 1) SoftwareLicensingProduct with ESU in its name and a key: true. */
    static Boolean esu(Probe.Section s) {
        if (!s.ok()) {
            return null;
        }
        for (JsonNode l : Nodes.list(s.node())) {
            Long status = Nodes.number(l, "LicenseStatus");
            if (status != null && status == 1 && !Boolean.FALSE.equals(Nodes.bool(l, "HasKey"))) {
                return true;
            }
        }
        return false;
    }
}
