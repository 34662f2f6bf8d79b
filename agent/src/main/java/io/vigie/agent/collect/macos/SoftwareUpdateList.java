package io.vigie.agent.collect.macos;

import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.exec.CommandResult;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.PatchStatus;
import io.vigie.checks.fact.Reason;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code patch.status} from softwareupdate(8) {@code --list}: an online scan against Apple's catalogue, slow
 * (tens of seconds) and needing the network. Items look like
 * <pre>
 * * Label: macOS Sequoia 15.1.1-24B91
 * 	Title: macOS Sequoia 15.1.1, Version: 15.1.1, Size: 1598208KiB, Recommended: YES, Action: restart,
 * </pre>
 * "No new software available." arrives on stderr; output with neither items nor that sentence is UNKNOWN.
 *
 * <p>Security subset (a heuristic, Apple publishes no category): an item whose title or label says
 * "Security" (Rapid Security Responses, Background Security Improvements, Security Updates), or a macOS update
 * of the installed major version (Apple ships security fixes in every macOS point release). An offer to move to
 * a newer major version is not counted as a security update.
 *
 * <p>{@code rebootRequired} is about an update already installed that waits for a restart, never about an
 * available one ({@code Action: restart} only says the offer will need a restart once installed). It is true when
 * the install history ({@value InstallHistory#PATH}) records a macOS update of a newer version than the running
 * one ({@code sw_vers -productVersion}); false when it records none; unknown when either cannot be read.
 */
final class SoftwareUpdateList implements Collector {

    static final String SOURCE = "softwareupdate --list";
    static final String NONE = "No new software available.";
    private static final Pattern KEY_VALUE = Pattern.compile(",\\s+(?=[A-Z][A-Za-z ]*: )");
    private static final Pattern MAJOR = Pattern.compile("^(\\d+)");

    /** One pending update. */
    record Item(String label, String title, String version, boolean recommended, String action) {
    }

    @Override
    public String name() {
        return "softwareupdate";
    }

    @Override
    public List<FactKey<?>> keys() {
        return List.of(FactKeys.PATCH_STATUS);
    }

    /**
     * The scan may take minutes: it gets all the time the collector has, less a margin so the collector itself
     * can still report {@code command_timeout} rather than being cut off.
     */
    static Duration timeout(CollectContext ctx) {
        Duration budget = ctx.config().collectorTimeout().minusSeconds(3);
        return budget.compareTo(ctx.config().commandTimeout()) > 0 ? budget : ctx.config().commandTimeout();
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        CommandResult r = Probe.run(ctx, timeout(ctx), "softwareupdate", "--list");
        if (r.notFound() || r.timedOut()) {
            return List.of(Fact.unknown(FactKeys.PATCH_STATUS, SOURCE, ctx.now(), Probe.failure(r)));
        }
        String text = Probe.both(r);
        if (text.isEmpty()) {
            return List.of(Fact.unknown(FactKeys.PATCH_STATUS, SOURCE, ctx.now(), Reason.of(Reason.EMPTY_OUTPUT, r.describe())));
        }
        List<Item> items;
        try {
            items = parse(text);
        } catch (IllegalArgumentException e) {
            return List.of(Fact.unknown(FactKeys.PATCH_STATUS, SOURCE, ctx.now(),
                    Reason.of(Reason.UNPARSABLE_OUTPUT, "softwareupdate --list: " + e.getMessage())));
        }
        if (items.isEmpty() && !text.contains(NONE)) {
            Reason why = r.exitCode() != 0 ? Probe.failure(r) : Probe.unparsable(r);
            return List.of(Fact.unknown(FactKeys.PATCH_STATUS, SOURCE, ctx.now(), why));
        }
        CommandResult v = Probe.run(ctx, "sw_vers", "-productVersion");
        String running = v.ok() && !v.stdout().isBlank() ? v.stdout().strip() : null;
        Boolean restart = null;
        Plist.Read history = Plist.read(ctx, InstallHistory.PATH);
        if (running != null && history.state() == Plist.State.ABSENT) {
            restart = false; // nothing was ever installed, so nothing installed waits
        } else if (running != null && history.ok() && history.root().isArray()) {
            restart = installedNewerThanRunning(history.root(), running);
        }
        String source = SOURCE + ", sw_vers -productVersion, " + InstallHistory.PATH;
        return List.of(Fact.ok(FactKeys.PATCH_STATUS, source, ctx.now(),
                status(items, running == null ? null : major(running), ctx.now(), restart)));
    }

    static PatchStatus status(List<Item> items, Integer installedMajor, Instant scannedAt, Boolean restartPending) {
        List<String> security = new ArrayList<>();
        for (Item i : items) {
            if (isSecurity(i, installedMajor)) {
                security.add(i.label());
            }
        }
        List<String> evidence = security.size() > 20 ? security.subList(0, 20) : security;
        return new PatchStatus("softwareupdate", items.size(), security.size(), List.copyOf(evidence), scannedAt,
                restartPending);
    }

    /**
     * Pure: the install history records a macOS update ({@code displayName} "macOS …", installed by the system
     * updater) whose {@code displayVersion} is newer than the running version: it is installed and waits for a
     * restart. Versions compare numerically, part by part; a Rapid Security Response's letter is ignored.
     */
    static boolean installedNewerThanRunning(com.fasterxml.jackson.databind.JsonNode history, String running) {
        for (com.fasterxml.jackson.databind.JsonNode e : history) {
            if (!InstallHistory.isSystemUpdate(e)) {
                continue;
            }
            String name = Plist.string(e, "displayName").orElse("");
            String version = Plist.string(e, "displayVersion").orElse("");
            if (name.startsWith("macOS") && !version.isBlank() && compareVersions(version, running) > 0) {
                return true;
            }
        }
        return false;
    }

    /** Pure: numeric part-by-part comparison of "15.1.1" and "15.2" (trailing text ignored). */
    static int compareVersions(String a, String b) {
        String[] x = a.strip().split("[^0-9.]", 2)[0].split("\\.");
        String[] y = b.strip().split("[^0-9.]", 2)[0].split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length && !x[i].isEmpty() ? Integer.parseInt(x[i]) : 0;
            int q = i < y.length && !y[i].isEmpty() ? Integer.parseInt(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }

    static boolean isSecurity(Item i, Integer installedMajor) {
        String words = (i.title() + " " + i.label()).toLowerCase(Locale.ROOT);
        if (words.contains("security")) {
            return true;
        }
        boolean macos = i.title().startsWith("macOS") || i.label().startsWith("macOS");
        if (!macos) {
            return false;
        }
        Integer itemMajor = major(i.version());
        return installedMajor == null || itemMajor == null || itemMajor <= installedMajor;
    }

    static Integer major(String version) {
        if (version == null) {
            return null;
        }
        Matcher m = MAJOR.matcher(version.strip());
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    /**
     * The items of a listing. An item whose detail line is missing (cut-off output) makes the whole listing
     * unparsable: a partial count would read as "fewer updates".
     */
    static List<Item> parse(String text) {
        List<Item> items = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (!line.startsWith("*")) {
                continue;
            }
            String body = line.substring(1).strip();
            if (!body.startsWith("Label:")) {
                throw new IllegalArgumentException("item without 'Label:' (pre-Catalina layout?): " + line);
            }
            String label = body.substring("Label:".length()).strip();
            String detail = n + 1 < lines.length ? lines[n + 1].strip() : "";
            if (!detail.startsWith("Title:")) {
                throw new IllegalArgumentException("item '" + label + "' has no 'Title:' line");
            }
            Map<String, String> kv = keyValues(detail);
            if (!kv.containsKey("Version")) {
                throw new IllegalArgumentException("item '" + label + "' has no Version (output cut?)");
            }
            items.add(new Item(label, kv.get("Title"), kv.get("Version"),
                    "YES".equalsIgnoreCase(kv.getOrDefault("Recommended", "")), kv.get("Action")));
            n++;
        }
        return items;
    }

    static Map<String, String> keyValues(String detail) {
        Map<String, String> kv = new LinkedHashMap<>();
        String d = detail.strip();
        if (d.endsWith(",")) {
            d = d.substring(0, d.length() - 1);
        }
        for (String part : KEY_VALUE.split(d)) {
            int colon = part.indexOf(':');
            if (colon > 0) {
                kv.put(part.substring(0, colon).strip(), part.substring(colon + 1).strip());
            }
        }
        return kv;
    }
}
