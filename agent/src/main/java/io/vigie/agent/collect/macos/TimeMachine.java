package io.vigie.agent.collect.macos;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.exec.CommandResult;
import io.vigie.checks.fact.BackupJob;
import io.vigie.checks.fact.BackupStatus;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Reason;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code backup.status}: Time Machine, plus the folders the operator names in the agent configuration.
 *
 * <p>Time Machine, per tmutil(8), needs root and Full Disk Access:
 * <ol>
 *   <li>{@code tmutil destinationinfo}: each destination's Name, Kind (Local / Network), URL, Mount Point, ID —
 *       or "No destinations configured";</li>
 *   <li>{@code /Library/Preferences/com.apple.TimeMachine.plist} ({@code AutoBackup}, {@code Destinations[]} with
 *       {@code DestinationID} and {@code SnapshotDates}, UTC dates): the last success per destination;</li>
 *   <li>{@code tmutil latestbackup}: the newest backup's path, whose name holds its local time
 *       ({@code YYYY-MM-DD-HHMMSS}); used only when the preferences give no date.</li>
 * </ol>
 * When Time Machine's state cannot be read at all (no root / no Full Disk Access) the fact is UNKNOWN: an
 * "empty" answer would read as "no backup". A destination whose dates cannot be read is listed with an unknown
 * last success. Network URLs are stripped of their user name.
 */
final class TimeMachine implements Collector {

    static final String PREFS = "/Library/Preferences/com.apple.TimeMachine.plist";
    static final String SOURCE = "tmutil + " + PREFS;
    private static final Pattern STAMP = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}-\\d{6})");
    private static final DateTimeFormatter STAMP_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss", Locale.ROOT);
    /** Bounds of the walk of an operator folder. */
    static final int MAX_DEPTH = 3;
    static final int MAX_ENTRIES = 5000;

    /** One destination as tmutil destinationinfo prints it. */
    record Destination(String name, String kind, String url, String mountPoint, String id) {
    }

    @Override
    public String name() {
        return "timemachine";
    }

    @Override
    public List<FactKey<?>> keys() {
        return List.of(FactKeys.BACKUP_STATUS);
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        List<String> lookedFor = new ArrayList<>(List.of("time-machine"));
        for (String f : ctx.config().backupFolders()) {
            lookedFor.add("folder:" + f);
        }
        List<BackupJob> jobs = new ArrayList<>();
        Optional<Reason> tmUnknown = timeMachine(ctx, jobs);
        if (tmUnknown.isPresent()) {
            return List.of(Fact.unknown(FactKeys.BACKUP_STATUS, SOURCE, ctx.now(), tmUnknown.get()));
        }
        for (String folder : ctx.config().backupFolders()) {
            jobs.add(folderJob(ctx, folder));
        }
        return List.of(Fact.ok(FactKeys.BACKUP_STATUS, SOURCE, ctx.now(), new BackupStatus(jobs, lookedFor)));
    }

    /** Adds the Time Machine jobs; returns why Time Machine's state is unknown, if it is. */
    private Optional<Reason> timeMachine(CollectContext ctx, List<BackupJob> jobs) {
        CommandResult info = Probe.run(ctx, "tmutil", "destinationinfo");
        Plist.Read prefs = Plist.read(ctx, PREFS);
        JsonNode root = prefs.ok() ? prefs.root() : null;
        List<Destination> dests = null;
        String infoText = Probe.both(info);
        if (infoText.contains("No destinations configured")) {
            return Optional.empty();
        }
        if (info.ok()) {
            dests = parseDestinations(info.stdout());
            if (dests.isEmpty()) {
                return Optional.of(Probe.unparsable(info));
            }
        }
        if (dests == null) {
            // destinationinfo refused or failed: the preferences alone can still tell
            if (prefs.state() == Plist.State.ABSENT) {
                return Optional.empty(); // Time Machine was never set up on this Mac
            }
            if (root == null) {
                Reason why = Probe.failure(info);
                return Optional.of(why.code().equals(Reason.NEEDS_ADMIN) || prefs.state() != Plist.State.DENIED
                        ? why : prefs.reason());
            }
            dests = new ArrayList<>();
            for (JsonNode d : root.path("Destinations")) {
                dests.add(new Destination(Plist.string(d, "LastKnownVolumeName").orElse(null), null, null, null,
                        Plist.string(d, "DestinationID").orElse(null)));
            }
            if (dests.isEmpty()) {
                return Optional.empty();
            }
        }
        Map<String, Instant> lastById = root == null ? Map.of() : lastSnapshots(root);
        Instant latest = null;
        String latestDestination = null;
        if (lastById.isEmpty()) {
            CommandResult lb = Probe.run(ctx, "tmutil", "latestbackup");
            latest = lb.ok() ? parseLatest(lb.stdout(), ctx.clock().getZone()) : null;
            latestDestination = root == null ? null : Plist.string(root, "LastDestinationID").orElse(null);
        }
        for (Destination d : dests) {
            Instant last = d.id() == null ? null : lastById.get(d.id());
            if (last == null && latest != null
                    && (dests.size() == 1 || (d.id() != null && d.id().equals(latestDestination)))) {
                last = latest;
            }
            jobs.add(new BackupJob("time-machine", d.name() == null ? "Time Machine" : d.name(), last, null, null,
                    kind(d.kind()), destination(d), d.kind() == null ? null : d.mountPoint() != null));
        }
        return Optional.empty();
    }

    static String kind(String tmKind) {
        if (tmKind == null) {
            return "unknown";
        }
        switch (tmKind.strip().toLowerCase(Locale.ROOT)) {
            case "network":
                return "network";
            case "local":
                return "local";
            default:
                return "unknown";
        }
    }

    static String destination(Destination d) {
        if (d.url() != null) {
            return stripUser(d.url());
        }
        if (d.mountPoint() != null) {
            return d.mountPoint();
        }
        return d.name();
    }

    /** {@code smb://alice@nas.local/TM} → {@code smb://nas.local/TM}: never keep account names. */
    static String stripUser(String url) {
        return url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1");
    }

    /** tmutil destinationinfo: blocks of "Key : value" lines separated by "====" rules. */
    static List<Destination> parseDestinations(String text) {
        List<Destination> out = new ArrayList<>();
        Map<String, String> cur = new LinkedHashMap<>();
        for (String raw : (text + "\n====").split("\\R")) {
            String line = raw.strip();
            if (line.startsWith(">")) {
                line = line.substring(1).strip(); // older releases mark the current destination with '>'
            }
            if (line.startsWith("====")) {
                if (!cur.isEmpty()) {
                    out.add(new Destination(cur.get("Name"), cur.get("Kind"), cur.get("URL"), cur.get("Mount Point"),
                            cur.get("ID")));
                    cur = new LinkedHashMap<>();
                }
                continue;
            }
            int colon = line.indexOf(" : ");
            if (colon > 0) {
                cur.put(line.substring(0, colon).strip(), line.substring(colon + 3).strip());
            }
        }
        out.removeIf(d -> d.name() == null && d.id() == null);
        return out;
    }

    /** Newest SnapshotDates entry per DestinationID. */
    static Map<String, Instant> lastSnapshots(JsonNode prefs) {
        Map<String, Instant> out = new LinkedHashMap<>();
        for (JsonNode d : prefs.path("Destinations")) {
            String id = Plist.string(d, "DestinationID").orElse(null);
            if (id == null) {
                continue;
            }
            for (JsonNode date : d.path("SnapshotDates")) {
                Plist.instant(date).ifPresent(at -> out.merge(id, at, (a, b) -> a.isAfter(b) ? a : b));
            }
        }
        return out;
    }

    /** The time in the newest backup's name ({@code …/2026-11-19-101532.backup}), read in the Mac's zone. */
    static Instant parseLatest(String text, ZoneId zone) {
        Matcher m = STAMP.matcher(text);
        Instant best = null;
        while (m.find()) {
            Instant at;
            try {
                at = LocalDateTime.parse(m.group(1), STAMP_FORMAT).atZone(zone).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                continue; // digits in the shape of a stamp but no date (month 31): not a backup name (found by fuzzing)
            }
            best = best == null || at.isAfter(best) ? at : best;
        }
        return best;
    }

    /** A folder named by the operator: its newest file, found by a bounded walk. */
    static BackupJob folderJob(CollectContext ctx, String folder) {
        if (!ctx.files().isDirectory(folder)) {
            return new BackupJob("folder", folder, null, null, null, "unknown", folder, ctx.files().exists(folder),
                    null, false, null);
        }
        Instant[] newest = {null};
        int[] seen = {0};
        walk(ctx, folder, 0, newest, seen);
        return new BackupJob("folder", folder, newest[0], null, null, "unknown", folder, true,
                newest[0] == null ? null : BackupJob.BY_FOLDER_FILES, null, null);
    }

    private static void walk(CollectContext ctx, String dir, int depth, Instant[] newest, int[] seen) {
        for (String name : ctx.files().list(dir)) {
            if (++seen[0] > MAX_ENTRIES) {
                return;
            }
            String path = dir.endsWith("/") ? dir + name : dir + "/" + name;
            if (ctx.files().isDirectory(path)) {
                if (depth + 1 < MAX_DEPTH) {
                    walk(ctx, path, depth + 1, newest, seen);
                }
            } else {
                ctx.files().modified(path).ifPresent(at -> {
                    if (newest[0] == null || at.isAfter(newest[0])) {
                        newest[0] = at;
                    }
                });
            }
        }
    }
}
