package io.vigie.agent.collect.linux;

import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.exec.CommandResult;
import io.vigie.checks.fact.AntivirusStatus;
import io.vigie.checks.fact.AvProduct;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Reason;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code av.status}: ClamAV (clamd running = engine on, clamonacc running = on-access, signature date from
 * {@code sigtool --info} "Build time" of daily.cld/cvd, else the newest mtime of {@code /var/lib/clamav/*.c[vl]d})
 * and a few Linux EDR agents recognised by their process or install folder (Microsoft Defender for Endpoint,
 * CrowdStrike Falcon, SentinelOne, Sophos, ESET). None found = OK with no product and {@code lookedFor}.
 * {@code upToDate} stays null: the rules judge the signature age.
 */
final class AntivirusCollector implements Collector {

    static final String CLAMAV_DB = "/var/lib/clamav";
    static final DateTimeFormatter SIGTOOL_TIME = DateTimeFormatter.ofPattern("d MMM yyyy H:mm Z", Locale.ENGLISH);

    /** name, process names (comm), install markers. */
    record Edr(String name, List<String> processes, List<String> paths) {
    }

    static final List<Edr> EDRS = List.of(
            new Edr("Microsoft Defender for Endpoint", List.of("wdavdaemon"), List.of("/opt/microsoft/mdatp")),
            new Edr("CrowdStrike Falcon", List.of("falcon-sensor"), List.of("/opt/CrowdStrike")),
            new Edr("SentinelOne", List.of("s1-agent", "sentinelone-age"), List.of("/opt/sentinelone")),
            new Edr("Sophos", List.of("sophos_threat_d", "mcsrouter"), List.of("/opt/sophos-spl")),
            new Edr("ESET", List.of("esets_daemon", "eset_rtp", "esets"), List.of("/opt/eset")));

    @Override
    public String name() {
        return "antivirus";
    }

    @Override
    public List<FactKey<?>> keys() {
        return List.of(FactKeys.AV_STATUS);
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        var now = ctx.now();
        List<String> lookedFor = new ArrayList<>(List.of("ClamAV"));
        EDRS.forEach(e -> lookedFor.add(e.name()));
        Optional<Set<String>> procs = LinuxHost.processNames(ctx);
        List<AvProduct> products = new ArrayList<>();
        boolean clamInstalled = LinuxHost.firstExisting(ctx, "/usr/sbin/clamd", "/usr/bin/clamscan", "/usr/bin/freshclam",
                "/usr/bin/clamdscan").isPresent();
        if (clamInstalled) {
            Boolean clamd = procs.map(p -> p.contains("clamd")).orElse(null);
            Boolean onAccess = procs.map(p -> p.contains("clamonacc")).orElse(null);
            products.add(new AvProduct("ClamAV", clamd, onAccess, signatures(ctx), null, "normal", false));
        }
        for (Edr e : EDRS) {
            boolean installed = e.paths.stream().anyMatch(ctx.files()::exists);
            Boolean running = procs.map(p -> e.processes.stream().anyMatch(p::contains)).orElse(null);
            if (installed || Boolean.TRUE.equals(running)) {
                products.add(new AvProduct(e.name, running, null, null, null, null, true));
            }
        }
        if (products.isEmpty() && procs.isEmpty()) {
            return List.of(Fact.unknown(FactKeys.AV_STATUS, "ps", now,
                    Reason.of(Reason.COMMAND_FAILED, "process list unavailable and no product installed")));
        }
        return List.of(Fact.ok(FactKeys.AV_STATUS, "ps, " + CLAMAV_DB, now, new AntivirusStatus(products, lookedFor)));
    }

    private static Instant signatures(CollectContext ctx) {
        for (String db : List.of(CLAMAV_DB + "/daily.cld", CLAMAV_DB + "/daily.cvd")) {
            if (!ctx.files().exists(db)) {
                continue;
            }
            CommandResult r = LinuxHost.run(ctx, Duration.ofSeconds(5), "sigtool", "--info", db);
            if (r.ok()) {
                Instant t = parseSigtoolBuildTime(r.stdout());
                if (t != null) {
                    return t;
                }
            }
        }
        Instant best = null;
        for (String n : ctx.files().list(CLAMAV_DB)) {
            if (n.endsWith(".cvd") || n.endsWith(".cld")) {
                Instant m = ctx.files().modified(CLAMAV_DB + "/" + n).orElse(null);
                if (m != null && (best == null || m.isAfter(best))) {
                    best = m;
                }
            }
        }
        return best;
    }

    /** Pure: {@code Build time: 21 Nov 2026 09:27 +0000} of {@code sigtool --info}. */
    static Instant parseSigtoolBuildTime(String out) {
        for (String line : out.split("\n")) {
            String t = line.strip();
            if (t.startsWith("Build time:")) {
                String v = t.substring("Build time:".length()).strip().replaceAll("\\s+", " ");
                try {
                    return ZonedDateTime.parse(v, SIGTOOL_TIME).toInstant();
                } catch (DateTimeParseException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
