package io.vigie.agent.collect.linux;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.exec.CommandResult;
import io.vigie.agent.host.FileContent;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.OsIdentity;
import io.vigie.checks.fact.Reason;
import io.vigie.checks.json.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code os.identity} from {@code /etc/os-release} (fallback {@code /usr/lib/os-release}), the kernel release
 * ({@code /proc/sys/kernel/osrelease}), the architecture ({@code /proc/sys/kernel/arch}, else {@code uname -m}),
 * {@code /etc/debian_version} when os-release has no VERSION_ID (Debian testing), and for Ubuntu whether Ubuntu Pro
 * ESM is enabled ({@code /var/lib/ubuntu-advantage/status.json}, else {@code pro status --format json}).
 * {@code build} holds the kernel release, as {@link OsIdentity} documents for Linux.
 */
final class OsReleaseCollector implements Collector {

    static final Set<String> KNOWN_IDS = Set.of("debian", "ubuntu", "rhel", "almalinux", "rocky", "centos");

    @Override
    public String name() {
        return "os-release";
    }

    @Override
    public List<FactKey<?>> keys() {
        return List.of(FactKeys.OS_IDENTITY);
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        Instant now = ctx.now();
        String source = "/etc/os-release";
        FileContent f = ctx.files().read(source);
        if (f.state() == FileContent.State.ABSENT) {
            source = "/usr/lib/os-release";
            f = ctx.files().read(source);
        }
        if (!f.ok()) {
            String code = f.state() == FileContent.State.DENIED ? Reason.NEEDS_ADMIN : Reason.NOT_INSTALLED;
            return List.of(Fact.unknown(FactKeys.OS_IDENTITY, source, now, Reason.of(code, source + ": " + f.state())));
        }
        Map<String, String> vars = LinuxHost.parseShellVars(f.text());
        if (!vars.containsKey("ID") && !vars.containsKey("NAME")) {
            return List.of(Fact.unknown(FactKeys.OS_IDENTITY, source, now,
                    Reason.of(f.text().isBlank() ? Reason.EMPTY_OUTPUT : Reason.UNPARSABLE_OUTPUT, source + " has no ID")));
        }
        String kernel = firstLine(ctx.files().read("/proc/sys/kernel/osrelease"));
        String arch = firstLine(ctx.files().read("/proc/sys/kernel/arch"));
        if (arch == null) {
            CommandResult u = LinuxHost.run(ctx, Duration.ofSeconds(3), "uname", "-m");
            arch = u.ok() && !u.stdout().isBlank() ? u.stdout().strip() : null;
        }
        String debianVersion = null;
        if (!vars.containsKey("VERSION_ID")) {
            debianVersion = firstLine(ctx.files().read("/etc/debian_version"));
        }
        Boolean esm = null;
        if ("ubuntu".equals(vars.get("ID"))) {
            esm = ubuntuProEsm(ctx);
        }
        return List.of(Fact.ok(FactKeys.OS_IDENTITY, source, now, identity(vars, debianVersion, kernel, arch, esm)));
    }

    /** Pure: the identity from parsed os-release variables. */
    static OsIdentity identity(Map<String, String> vars, String debianVersion, String kernel, String arch, Boolean esm) {
        String id = vars.getOrDefault("ID", "linux").toLowerCase(java.util.Locale.ROOT);
        String like = vars.getOrDefault("ID_LIKE", "").toLowerCase(java.util.Locale.ROOT);
        String product = productId(id, like);
        String name = vars.getOrDefault("PRETTY_NAME", vars.get("NAME"));
        String version = vars.get("VERSION_ID");
        if (version == null) {
            version = debianVersion;
        }
        return new OsIdentity("linux", product, name, version, kernel, null, null, kernel, arch, esm);
    }

    /** The end-of-life product: the ID itself for known products, "rhel" for other members of the RHEL family. */
    static String productId(String id, String idLike) {
        if (KNOWN_IDS.contains(id)) {
            return id;
        }
        List<String> like = List.of(idLike.split("\\s+"));
        if (like.contains("rhel")) {
            return "rhel";
        }
        return id;
    }

    private static Boolean ubuntuProEsm(CollectContext ctx) {
        FileContent cached = ctx.files().read("/var/lib/ubuntu-advantage/status.json");
        if (cached.ok()) {
            Boolean b = parseProStatus(cached.text());
            if (b != null) {
                return b;
            }
        }
        CommandResult r = LinuxHost.run(ctx, Duration.ofSeconds(4), "pro", "status", "--format", "json");
        if (r.notFound() || r.timedOut() || r.stdout().isBlank()) {
            return null;
        }
        return parseProStatus(r.stdout());
    }

    /**
     * Pure: Ubuntu Pro status JSON ({@code pro status --format json}, same shape as the cached status.json):
     * true when an {@code esm-*} service is enabled, false when attached data says none is (or not attached),
     * null when unreadable.
     */
    static Boolean parseProStatus(String json) {
        try {
            JsonNode n = Json.mapper().readTree(json);
            if (n == null || !n.isObject()) {
                return null;
            }
            JsonNode services = n.get("services");
            boolean any = false;
            if (services != null && services.isArray()) {
                for (JsonNode s : services) {
                    String name = s.path("name").asText("");
                    String status = s.path("status").asText("");
                    if (name.startsWith("esm-") && "enabled".equals(status)) {
                        any = true;
                    }
                }
            }
            if (any) {
                return true;
            }
            if (n.has("attached")) {
                return false;
            }
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    private static String firstLine(FileContent f) {
        if (!f.ok() || f.text() == null || f.text().isBlank()) {
            return null;
        }
        return f.text().strip().split("\n")[0].strip();
    }
}
