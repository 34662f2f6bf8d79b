package io.vigie.agent.collect.linux;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.exec.CommandResult;
import io.vigie.agent.host.FileContent;
import io.vigie.checks.fact.BackupJob;
import io.vigie.checks.fact.BackupStatus;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Reason;
import io.vigie.checks.json.Json;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code backup.status}: backup products and jobs configured on this machine, and how fresh their last copy is.
 * <ul>
 *   <li>restic: systemd units ({@code /etc/systemd/system}) and cron files mentioning restic, their
 *       {@code RESTIC_REPOSITORY} / {@code -r}/{@code --repo} (also through {@code EnvironmentFile=}); a local
 *       repository's {@code snapshots/} folder (one file per snapshot, restic design document) counts and dates the
 *       copies without the repository password; a local repository named by a job but missing is no copy;</li>
 *   <li>borg / borgmatic: {@code /etc/borgmatic/config.yaml}, {@code /etc/borgmatic.d/*.yaml} repositories
 *       and cron/systemd lines calling borg; a local repository is dated by its {@code index.N}/{@code hints.N}/
 *       {@code integrity.N} files (rewritten at each commit, borg internals documentation): its last write, readable
 *       without the key, not its archive list;</li>
 *   <li>restic and borg repositories with no job at all, found by their layout in the usual places
 *       ({@link #REPOSITORY_ROOTS}, two levels down, and the operator's backup folders): a repository with recent
 *       snapshots is a backup even when nothing schedules it;</li>
 *   <li>timeshift: {@code /etc/timeshift/timeshift.json} and {@code snapshots/*}{@code /info.json} "created";</li>
 *   <li>rsnapshot: {@code /etc/rsnapshot.conf}; its {@code logfile} tells how each run ended (the tool's own
 *       result); without a log, snapshot_root and first retain level → {@code <root>/<level>.0} time; a local
 *       snapshot_root that does not exist (created at the first run) holds no copy;</li>
 *   <li>systemd timers ({@code systemctl list-timers --all}) named like a backup or whose service the administrator
 *       wrote, counted by what their service runs ({@code systemctl cat}): a known backup tool, or a configured
 *       backup folder — never by the name alone; distribution housekeeping such as Debian's
 *       {@code dpkg-db-backup.timer} is ignored; the last result of the service ({@code systemctl show -p
 *       Result,ExecMainStatus,ExecMainExitTimestamp --timestamp=unix});</li>
 *   <li>cron tables and scripts running another known backup tool (rsync, duplicity, rclone…): jobs without a
 *       success date, cron keeps none;</li>
 *   <li>the operator's backup folders ({@code AgentConfig.backupFolders()}): newest mtime, walk capped in depth,
 *       entries and time.</li>
 * </ul>
 * Repository passwords and other secrets in these files are never read into facts: only repository locations.
 * Nothing found without root is UNKNOWN ({@code needs_admin}): root's own crontab and configs were not visible.
 */
final class BackupCollector implements Collector {

    static final int FOLDER_MAX_DEPTH = 3;
    static final int FOLDER_MAX_ENTRIES = 2000;
    static final Duration FOLDER_MAX_TIME = Duration.ofMillis(300);
    static final Pattern RESTIC_REPO = Pattern.compile(
            "(?:RESTIC_REPOSITORY\\s*=\\s*[\"']?|\\s(?:-r|--repo)[\\s=]+[\"']?)([^\\s\"']+)");
    static final Pattern TIMER_LINE = Pattern.compile("(\\S+\\.timer)\\s+(\\S+\\.service)?\\s*$");
    /** Where repositories without a job are looked for, two levels down (bounded by {@link #FOLDER_MAX_ENTRIES}). */
    static final List<String> REPOSITORY_ROOTS = List.of("/srv", "/backup", "/backups", "/var/backups", "/mnt",
            "/media", "/run/media", "/home", "/root", "/opt");

    @Override
    public String name() {
        return "backup";
    }

    @Override
    public List<FactKey<?>> keys() {
        return List.of(FactKeys.BACKUP_STATUS);
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        List<BackupJob> jobs = new ArrayList<>();
        List<String> lookedFor = new ArrayList<>();
        Map<String, String> texts = jobTexts(ctx);

        lookedFor.add("restic (systemd units, cron)");
        jobs.addAll(restic(ctx, texts));
        lookedFor.add("borg/borgmatic");
        jobs.addAll(borg(ctx, texts));
        lookedFor.add("timeshift");
        timeshift(ctx).ifPresent(jobs::add);
        lookedFor.add("rsnapshot");
        rsnapshot(ctx).ifPresent(jobs::add);
        lookedFor.add("systemd timers (*backup*)");
        jobs.addAll(timers(ctx, texts, jobs, lookedFor));
        lookedFor.add("other backup tools in cron (rsync, duplicity, rclone…)");
        jobs.addAll(cronJobs(texts));
        lookedFor.add("restic/borg repositories (" + String.join(", ", REPOSITORY_ROOTS) + ")");
        jobs.addAll(repositoriesWithoutJob(ctx, jobs));
        for (String folder : ctx.config().backupFolders()) {
            lookedFor.add("folder " + folder);
            jobs.add(folder(ctx, folder));
        }
        if (jobs.isEmpty() && !ctx.admin()) {
            return List.of(Fact.unknown(FactKeys.BACKUP_STATUS, "backup configuration", ctx.now(),
                    Reason.of(Reason.NEEDS_ADMIN, "nothing found, but root's crontab and root-only configurations "
                            + "cannot be read without root; looked for: " + String.join(", ", lookedFor))));
        }
        return List.of(Fact.ok(FactKeys.BACKUP_STATUS, "backup configuration", ctx.now(), new BackupStatus(jobs, lookedFor)));
    }

    /** How many administrator-written units of {@code /etc/systemd/system} are read at most. */
    static final int MAX_UNITS = 200;

    /**
     * Scheduling files that may call a backup tool: the administrator's systemd services and backup-named timers
     * ({@code /etc/systemd/system}, whatever their name) and cron tables (path → text without comment lines).
     */
    private static Map<String, String> jobTexts(CollectContext ctx) {
        Map<String, String> out = new LinkedHashMap<>();
        int units = 0;
        for (String dir : List.of("/etc/systemd/system")) {
            for (String n : ctx.files().list(dir)) {
                String l = n.toLowerCase(Locale.ROOT);
                if ((l.endsWith(".service") || (l.endsWith(".timer") && looksLikeBackup(l))) && ++units <= MAX_UNITS) {
                    read(ctx, dir + "/" + n, out);
                }
            }
        }
        read(ctx, "/etc/crontab", out);
        for (String dir : List.of("/etc/cron.d", "/etc/cron.daily", "/etc/cron.hourly", "/etc/cron.weekly",
                "/var/spool/cron/crontabs", "/var/spool/cron")) {
            for (String n : ctx.files().list(dir)) {
                if (!n.startsWith(".") && !n.equals("crontabs")) {
                    read(ctx, dir + "/" + n, out);
                }
            }
        }
        return out;
    }

    private static void read(CollectContext ctx, String path, Map<String, String> out) {
        FileContent f = ctx.files().read(path);
        if (f.ok()) {
            out.put(path, withoutComments(f.text()));
        }
    }

    /** Pure: a cron table, script or unit without its comment lines (a commented-out job runs nothing). */
    static String withoutComments(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.strip().startsWith("#")) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ restic

    private static List<BackupJob> restic(CollectContext ctx, Map<String, String> texts) {
        Set<String> repos = new LinkedHashSet<>();
        boolean mentioned = false;
        for (Map.Entry<String, String> e : texts.entrySet()) {
            String text = e.getValue();
            if (!text.contains("restic")) {
                continue;
            }
            mentioned = true;
            repos.addAll(resticRepositories(text));
            for (String envFile : environmentFiles(text)) {
                FileContent f = ctx.files().read(envFile);
                if (f.ok()) {
                    repos.addAll(resticRepositories(f.text()));
                }
            }
        }
        if (!mentioned) {
            return List.of();
        }
        List<BackupJob> out = new ArrayList<>();
        if (repos.isEmpty()) {
            out.add(new BackupJob("restic", "restic", null, null, null, "unknown", null, null));
        }
        for (String seen : repos) {
            out.add(resticRepository(ctx, withoutPassword(seen)));
        }
        return out;
    }

    /**
     * A restic repository: local ones are counted and dated from {@code snapshots/} (one file per snapshot, named
     * by its id; the file's mtime is when the snapshot was saved) without the password; others cannot be seen.
     */
    static BackupJob resticRepository(CollectContext ctx, String repo) {
        if (!repo.startsWith("/")) {
            return new BackupJob("restic", repo, null, null, null, destinationKind(repo), repo, null, null, null, null);
        }
        String root = stripSlash(repo);
        if (!ctx.files().isDirectory(root) && !ctx.files().isDirectory(root + "/snapshots")) {
            return new BackupJob("restic", repo, null, null, null, destinationKind(repo), repo, null, null, false, null);
        }
        List<String> snaps = ctx.files().list(root + "/snapshots");
        Instant last = newest(ctx, root + "/snapshots");
        return new BackupJob("restic", repo, last, null, null, destinationKind(repo), repo, null,
                last == null ? null : BackupJob.BY_SNAPSHOT_FILES, true, snaps.size());
    }

    /**
     * A borg repository: a local one is dated by its transaction files ({@code index.N}, {@code hints.N},
     * {@code integrity.N}), rewritten at each commit — readable without the key; it cannot be counted without it.
     */
    static BackupJob borgRepository(CollectContext ctx, String repo) {
        if (!repo.startsWith("/")) {
            return new BackupJob("borg", repo, null, null, null, destinationKind(repo), repo, null, null, null, null);
        }
        String root = stripSlash(repo);
        if (!ctx.files().isDirectory(root)) {
            return new BackupJob("borg", repo, null, null, null, destinationKind(repo), repo, null, null, false, null);
        }
        Instant last = null;
        boolean index = false;
        for (String e : ctx.files().list(root)) {
            if (e.matches("(index|hints|integrity)\\.\\d+")) {
                index = true;
                Instant m = ctx.files().modified(root + "/" + e).orElse(null);
                if (m != null && (last == null || m.isAfter(last))) {
                    last = m;
                }
            }
        }
        // a repository that never committed (borg init only) has no index file; it holds no archive
        return new BackupJob("borg", repo, last, null, null, destinationKind(repo), repo, null,
                last == null ? null : BackupJob.BY_REPOSITORY_FILES, true, index ? null : 0);
    }

    /**
     * restic and borg repositories that no job names, found by their layout: restic = {@code config} file with
     * {@code snapshots/} and {@code keys/} folders; borg = {@code config} and {@code README} files with a
     * {@code data/} folder. A repository with recent snapshots is a backup even when nothing schedules it.
     */
    private static List<BackupJob> repositoriesWithoutJob(CollectContext ctx, List<BackupJob> known) {
        Set<String> seen = new LinkedHashSet<>();
        for (BackupJob j : known) {
            if (j.destination() != null) {
                seen.add(stripSlash(j.destination()));
            }
        }
        List<String> candidates = new ArrayList<>();
        List<String> roots = new ArrayList<>(REPOSITORY_ROOTS);
        roots.addAll(ctx.config().backupFolders());
        int budget = FOLDER_MAX_ENTRIES;
        for (String root : roots) {
            String r = stripSlash(root);
            candidates.add(r);
            for (String a : ctx.files().list(r)) {
                if (--budget < 0) {
                    break;
                }
                String pa = r + "/" + a;
                if (!ctx.files().isDirectory(pa)) {
                    continue;
                }
                candidates.add(pa);
                for (String b : ctx.files().list(pa)) {
                    if (--budget < 0) {
                        break;
                    }
                    String pb = pa + "/" + b;
                    if (ctx.files().isDirectory(pb)) {
                        candidates.add(pb);
                    }
                }
            }
        }
        List<BackupJob> out = new ArrayList<>();
        for (String c : candidates) {
            if (seen.contains(c)) {
                continue;
            }
            String kind = repositoryKind(ctx, c);
            if (kind != null) {
                seen.add(c);
                out.add(kind.equals("restic") ? resticRepository(ctx, c) : borgRepository(ctx, c));
            }
        }
        return out;
    }

    /** "restic", "borg" or null, from a folder's layout (no file content is read). */
    static String repositoryKind(CollectContext ctx, String dir) {
        if (!ctx.files().exists(dir + "/config")) {
            return null;
        }
        if (ctx.files().isDirectory(dir + "/snapshots") && ctx.files().isDirectory(dir + "/keys")) {
            return "restic";
        }
        if (ctx.files().exists(dir + "/README") && ctx.files().isDirectory(dir + "/data")) {
            return "borg";
        }
        return null;
    }

    /** Pure: repositories named in a unit, script, cron line or environment file (never the password). */
    static List<String> resticRepositories(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = RESTIC_REPO.matcher(" " + text);
        while (m.find()) {
            String repo = m.group(1);
            if (!repo.startsWith("$") && !out.contains(repo)) {
                out.add(repo);
            }
        }
        return out;
    }

    static List<String> environmentFiles(String unit) {
        List<String> out = new ArrayList<>();
        for (String line : unit.split("\n")) {
            String l = line.strip();
            if (l.startsWith("EnvironmentFile=")) {
                String p = l.substring("EnvironmentFile=".length()).strip();
                if (p.startsWith("-")) {
                    p = p.substring(1);
                }
                if (p.startsWith("/")) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** Pure: where a repository lives, from its URL scheme or path. */
    /** A repository URL without its password ({@code rest:https://user:pw@host/} → {@code user:***@}): facts leave the machine. */
    static String withoutPassword(String repo) {
        return URL_PASSWORD.matcher(repo).replaceAll("$1:***@");
    }

    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/\\s:@]*):[^@\\s/]+@");

    static String destinationKind(String repo) {
        String r = repo.toLowerCase(Locale.ROOT);
        if (r.startsWith("s3:") || r.startsWith("b2:") || r.startsWith("azure:") || r.startsWith("gs:")
                || r.startsWith("swift:") || r.startsWith("rclone:")) {
            return "cloud";
        }
        if (r.startsWith("sftp:") || r.startsWith("rest:") || r.startsWith("ssh://") || r.matches("^[^/\\s]+@[^/\\s]+:.*")) {
            return "network";
        }
        if (r.startsWith("/media/") || r.startsWith("/run/media/")) {
            return "removable";
        }
        if (r.startsWith("/mnt/") || r.startsWith("/net/")) {
            return "unknown";
        }
        if (r.startsWith("/")) {
            return "local";
        }
        return "unknown";
    }

    // ------------------------------------------------------------------ borg

    private static List<BackupJob> borg(CollectContext ctx, Map<String, String> texts) {
        List<String> configs = new ArrayList<>();
        for (String p : List.of("/etc/borgmatic/config.yaml", "/etc/borgmatic.yaml")) {
            if (ctx.files().exists(p)) {
                configs.add(p);
            }
        }
        for (String n : ctx.files().list("/etc/borgmatic.d")) {
            if (n.endsWith(".yaml") || n.endsWith(".yml")) {
                configs.add("/etc/borgmatic.d/" + n);
            }
        }
        Set<String> repos = new LinkedHashSet<>();
        boolean found = !configs.isEmpty();
        for (String c : configs) {
            FileContent f = ctx.files().read(c);
            if (f.ok()) {
                repos.addAll(borgmaticRepositories(f.text()));
            }
        }
        for (String text : texts.values()) {
            if (text.matches("(?s).*\\bborg(matic)?\\b.*")) {
                found = true;
                Matcher m = Pattern.compile("BORG_REPO\\s*=\\s*[\"']?([^\\s\"']+)").matcher(text);
                while (m.find()) {
                    repos.add(m.group(1));
                }
            }
        }
        if (!found) {
            return List.of();
        }
        List<BackupJob> out = new ArrayList<>();
        if (repos.isEmpty()) {
            out.add(new BackupJob("borg", configs.isEmpty() ? "borg" : configs.get(0), null, null, null, "unknown", null, null));
        }
        for (String seen : repos) {
            out.add(borgRepository(ctx, withoutPassword(seen)));
        }
        return out;
    }

    /**
     * Pure: repositories of a borgmatic YAML config: {@code repositories:} list items, either plain strings or
     * {@code - path: …} mappings (borgmatic ≥ 1.7.10).
     */
    static List<String> borgmaticRepositories(String yaml) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        int indent = -1;
        for (String line : yaml.split("\n")) {
            if (line.strip().isEmpty() || line.strip().startsWith("#")) {
                continue;
            }
            int lead = line.length() - line.stripLeading().length();
            String t = line.strip();
            if (t.startsWith("repositories:")) {
                in = true;
                indent = lead;
                continue;
            }
            if (in) {
                if (lead <= indent && !t.startsWith("-")) {
                    in = false;
                    continue;
                }
                String v = null;
                if (t.startsWith("- path:")) {
                    v = t.substring(7).strip();
                } else if (t.startsWith("path:")) {
                    v = t.substring(5).strip();
                } else if (t.startsWith("- ") && !t.contains(": ")) {
                    v = t.substring(2).strip();
                }
                if (v != null) {
                    v = v.replaceAll("^[\"']|[\"']$", "");
                    if (!v.isEmpty()) {
                        out.add(v);
                    }
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ timeshift

    private static Optional<BackupJob> timeshift(CollectContext ctx) {
        FileContent conf = ctx.files().read("/etc/timeshift/timeshift.json");
        if (conf.state() == FileContent.State.ABSENT) {
            conf = ctx.files().read("/etc/timeshift.json");
        }
        if (!conf.ok()) {
            return Optional.empty();
        }
        Instant last = null;
        for (String dir : List.of("/timeshift/snapshots", "/run/timeshift/backup/timeshift/snapshots",
                "/run/timeshift/backup/timeshift-btrfs/snapshots")) {
            for (String snap : ctx.files().list(dir)) {
                FileContent info = ctx.files().read(dir + "/" + snap + "/info.json");
                if (info.ok()) {
                    Instant created = timeshiftCreated(info.text());
                    if (created != null && (last == null || created.isAfter(last))) {
                        last = created;
                    }
                }
            }
        }
        return Optional.of(new BackupJob("timeshift", "timeshift", last, null, null, "local", null, null,
                last == null ? null : BackupJob.BY_SNAPSHOT_METADATA, null, null));
    }

    /** Pure: the {@code created} epoch seconds (a string in timeshift's info.json). */
    static Instant timeshiftCreated(String json) {
        try {
            JsonNode n = Json.mapper().readTree(json);
            JsonNode c = n == null ? null : n.get("created");
            if (c == null) {
                return null;
            }
            String s = c.asText().strip();
            return s.matches("\\d{1,12}") ? Instant.ofEpochSecond(Long.parseLong(s)) : null;
        } catch (Exception e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ rsnapshot

    private static Optional<BackupJob> rsnapshot(CollectContext ctx) {
        FileContent conf = ctx.files().read("/etc/rsnapshot.conf");
        if (!conf.ok()) {
            return Optional.empty();
        }
        String[] rl = parseRsnapshot(conf.text());
        String root = rl[0];
        String level = rl[1];
        String kind = root == null ? "unknown" : destinationKind(root);
        // the tool's own log says how each run ended: stronger than the snapshot folder's time
        String logfile = rsnapshotLogfile(conf.text());
        if (logfile != null) {
            FileContent log = ctx.files().read(logfile);
            if (log.ok()) {
                RsnapshotRuns runs = parseRsnapshotLog(log.text(), PackageHistoryCollector.systemZone(ctx));
                if (runs.lastAttempt() != null) {
                    return Optional.of(new BackupJob("rsnapshot", "rsnapshot", runs.lastSuccess(), runs.lastAttempt(),
                            runs.lastOk(), kind, root, null,
                            runs.lastSuccess() == null ? null : BackupJob.BY_TOOL_LOG, null, null));
                }
            }
        }
        Instant last = root != null && level != null ? ctx.files().modified(stripSlash(root) + "/" + level + ".0").orElse(null) : null;
        // rsnapshot creates snapshot_root on its first run: a missing local root (the package's default
        // /var/cache/rsnapshot/ when nothing ever ran it) holds no copy; a removable or mounted one may just be away
        Boolean found = last == null && root != null && "local".equals(kind) && ctx.admin()
                && !ctx.files().isDirectory(stripSlash(root)) ? Boolean.FALSE : null;
        return Optional.of(new BackupJob("rsnapshot", "rsnapshot", last, null, null, kind, root, null,
                last == null ? null : BackupJob.BY_SNAPSHOT_METADATA, found, null));
    }

    /** Pure: the {@code logfile} of rsnapshot.conf (tab-separated), or null. */
    static String rsnapshotLogfile(String text) {
        for (String line : text.split("\n")) {
            String[] f = line.split("\t+");
            if (f.length >= 2 && f[0].equals("logfile") && f[1].strip().startsWith("/")) {
                return f[1].strip();
            }
        }
        return null;
    }

    record RsnapshotRuns(Instant lastSuccess, Instant lastAttempt, Boolean lastOk) {
    }

    static final Pattern RSNAPSHOT_LOG = Pattern.compile(
            "^\\[([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}|[0-9]{2}/[A-Za-z]{3}/[0-9]{4}:[0-9]{2}:[0-9]{2}:[0-9]{2})]"
                    + " .*: completed(?: successfully|, but with some (warnings|errors)|, but with no definite status)");
    static final java.time.format.DateTimeFormatter RSNAPSHOT_OLD_DATE =
            java.time.format.DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss", Locale.ROOT);

    /**
     * Pure: how rsnapshot's runs ended, from its log (rsnapshot-program.pl {@code log_msg}: {@code [date] message},
     * local time, ISO {@code 2026-11-22T03:30:01} since 1.4, {@code 22/Nov/2026:03:30:01} before). "completed
     * successfully" and "completed, but with some warnings" are successes (exit 0 and 2: "the backup still
     * finished", rsnapshot(1)); "with some errors" and "with no definite status" are failures.
     */
    static RsnapshotRuns parseRsnapshotLog(String text, java.time.ZoneId zone) {
        Instant success = null;
        Instant attempt = null;
        Boolean ok = null;
        for (String line : text.split("\n")) {
            Matcher m = RSNAPSHOT_LOG.matcher(line.strip());
            if (!m.find()) {
                continue;
            }
            java.time.LocalDateTime t;
            try {
                t = m.group(1).contains("T") ? java.time.LocalDateTime.parse(m.group(1))
                        : java.time.LocalDateTime.parse(m.group(1), RSNAPSHOT_OLD_DATE);
            } catch (java.time.format.DateTimeParseException e) {
                continue;
            }
            Instant at = t.atZone(zone).toInstant();
            boolean good = line.contains("completed successfully") || "warnings".equals(m.group(2));
            if (attempt == null || !at.isBefore(attempt)) {
                attempt = at;
                ok = good;
            }
            if (good && (success == null || at.isAfter(success))) {
                success = at;
            }
        }
        return new RsnapshotRuns(success, attempt, ok);
    }

    /** Pure: {snapshot_root, first retain/interval level} of rsnapshot.conf (tab-separated). */
    static String[] parseRsnapshot(String text) {
        String root = null;
        String level = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t+");
            if (f.length >= 2 && f[0].equals("snapshot_root")) {
                root = f[1].strip();
            } else if (f.length >= 3 && (f[0].equals("retain") || f[0].equals("interval")) && level == null) {
                level = f[1].strip();
            }
        }
        return new String[]{root, level};
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    // ------------------------------------------------------------------ systemd timers

    /**
     * Timers whose name points at a backup ({@link #looksLikeBackup}) or whose service an administrator wrote
     * ({@code /etc/systemd/system}). A timer is a backup job only when its service runs a known backup tool
     * ({@link #BACKUP_TOOLS}, in {@code ExecStart=} or in the script it starts) or writes to a configured backup
     * folder: a name is not evidence. System housekeeping ({@link #HOUSEKEEPING_UNITS}: Debian's
     * {@code dpkg-db-backup}, which copies dpkg's own database into {@code /var/backups}) is left out; a
     * backup-named service that runs nothing recognisable is kept without its success date (unverified).
     */
    private static List<BackupJob> timers(CollectContext ctx, Map<String, String> texts, List<BackupJob> already,
                                          List<String> lookedFor) {
        CommandResult r = LinuxHost.run(ctx, Duration.ofSeconds(5), "systemctl", "list-timers", "--all", "--no-legend", "--no-pager");
        if (!r.ok()) {
            return List.of();
        }
        List<BackupJob> out = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (String[] t : parseTimers(r.stdout())) {
            String timer = t[0];
            String service = t[1] != null ? t[1] : timer.replaceAll("\\.timer$", ".service");
            boolean adminWritten = texts.containsKey("/etc/systemd/system/" + service);
            if (!looksLikeBackup(timer + " " + service) && !adminWritten) {
                continue;
            }
            if (HOUSEKEEPING_UNITS.containsKey(templateName(service))) {
                ignored.add(timer + " (" + HOUSEKEEPING_UNITS.get(templateName(service)) + ")");
                continue;
            }
            String unit = unitText(ctx, service, texts);
            String tool = unit == null ? null : serviceBackupTool(ctx, unit);
            if (tool == null && unit != null && housekeepingCommand(execStarts(unit))) {
                ignored.add(timer + " (system housekeeping)");
                continue;
            }
            if (tool == null && !looksLikeBackup(timer + " " + service)) {
                continue;
            }
            CommandResult s = LinuxHost.run(ctx, Duration.ofSeconds(5), "systemctl", "show", service,
                    "-p", "Result,ExecMainStatus,ExecMainExitTimestamp", "--timestamp=unix");
            Map<String, String> props = s.ok() ? parseShow(s.stdout()) : Map.of();
            BackupJob job = serviceJob(service, props);
            if (tool == null) {
                // named like a backup, but nothing shows it copies data: its run is not a dated backup
                job = new BackupJob(job.product(), job.name(), null, job.lastAttempt(), job.lastResultOk(),
                        job.destinationKind(), job.destination(), null);
            }
            out.add(withRepository(job, unit, already));
        }
        if (!ignored.isEmpty()) {
            lookedFor.add("ignored timers: " + String.join(", ", ignored));
        }
        return out;
    }

    /** Tools with their own reader above (configuration, repository, snapshots): not repeated as cron jobs. */
    static final Set<String> OWN_READERS = Set.of("restic", "borg", "borgmatic", "rsnapshot", "timeshift");

    /**
     * Pure: cron tables and scripts (not systemd units) that run another known backup tool: a job, but cron keeps
     * no result, so it carries no success date (copies unverified). Distribution housekeeping (dpkg's database
     * copy, logrotate, man-db, apt) runs no backup tool and is not one.
     */
    static List<BackupJob> cronJobs(Map<String, String> texts) {
        List<BackupJob> out = new ArrayList<>();
        for (Map.Entry<String, String> e : texts.entrySet()) {
            if (e.getKey().startsWith("/etc/systemd/")) {
                continue;
            }
            String tool = backupTools(e.getValue()).stream().filter(t -> !OWN_READERS.contains(t)).findFirst().orElse(null);
            if (tool != null) {
                out.add(new BackupJob("cron", e.getKey() + " (" + tool + ")", null, null, null, "unknown", null, null));
            }
        }
        return out;
    }

    /** Backup tools whose run copies data somewhere (command names as installed by their packages). */
    static final List<String> BACKUP_TOOLS = List.of("restic", "rustic", "resticprofile", "autorestic", "borg",
            "borgmatic", "rsnapshot", "timeshift", "duplicity", "duply", "rdiff-backup", "rsync", "rclone", "kopia",
            "duplicacy", "btrbk", "backintime", "deja-dup", "tarsnap", "bup", "pg_backupcluster", "pg_basebackup",
            "urbackupclientctl", "burp", "backupninja", "backup-manager");

    /**
     * Units shipped by the distribution that carry "backup" in their name but copy no user data (service name,
     * with a template's instance removed → what it does). dpkg-db-backup: dpkg(1) ≥ 1.20.10,
     * {@code /usr/libexec/dpkg/dpkg-db-backup} tars dpkg's database and alternatives into {@code /var/backups}.
     */
    static final Map<String, String> HOUSEKEEPING_UNITS = Map.of(
            "dpkg-db-backup.service", "dpkg's own package database");

    /** Programs run by distribution housekeeping units (dpkg database copy, log rotation, man-db cache…). */
    static final List<String> HOUSEKEEPING_PROGRAMS = List.of("/usr/libexec/dpkg/dpkg-db-backup", "savelog",
            "logrotate", "mandb", "apt-compat", "apt.systemd.daily", "systemd-tmpfiles", "fstrim", "e2scrub_all");

    /** Pure: a unit or timer name that points at a backup tool or says "backup". */
    static boolean looksLikeBackup(String names) {
        String l = names.toLowerCase(Locale.ROOT);
        if (l.contains("backup") || l.contains("sauvegarde")) {
            return true;
        }
        for (String tool : BACKUP_TOOLS) {
            if (tool.length() > 4 && l.contains(tool)) {
                return true;
            }
        }
        return l.contains("borg");
    }

    /** Pure: {@code name@instance.service} → {@code name@.service}; other names unchanged. */
    static String templateName(String service) {
        return service.replaceAll("@[^.]*\\.", "@.");
    }

    /**
     * The service's unit text: {@code systemctl cat} (drop-ins included), else the file read earlier from
     * {@code /etc/systemd/system}, else the distribution's unit folders; null when none can be read.
     */
    private static String unitText(CollectContext ctx, String service, Map<String, String> texts) {
        CommandResult cat = LinuxHost.run(ctx, Duration.ofSeconds(5), "systemctl", "cat", "--no-pager", service);
        if (cat.ok() && !cat.stdout().isBlank()) {
            return cat.stdout();
        }
        String own = texts.get("/etc/systemd/system/" + service);
        if (own != null) {
            return own;
        }
        for (String dir : List.of("/usr/lib/systemd/system", "/lib/systemd/system")) {
            for (String name : List.of(service, templateName(service))) {
                FileContent f = ctx.files().read(dir + "/" + name);
                if (f.ok()) {
                    return f.text();
                }
            }
        }
        return null;
    }

    /** Pure: the command lines of a unit's {@code ExecStart=} (prefixes {@code -@:+!} removed, comments skipped). */
    static List<String> execStarts(String unit) {
        List<String> out = new ArrayList<>();
        for (String line : unit.replace("\\\n", " ").split("\n")) {
            String l = line.strip();
            if (l.startsWith("ExecStart=")) {
                String v = l.substring("ExecStart=".length()).strip().replaceFirst("^[-@:+!]+", "");
                if (!v.isEmpty()) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /**
     * Pure: the first known backup tool a shell text or command line calls, or null. A tool counts as a command
     * word (bare or as a {@code …bin/tool} path), not inside another word or a folder name; comment lines are skipped.
     */
    static String backupTool(String text) {
        List<String> tools = backupTools(text);
        return tools.isEmpty() ? null : tools.get(0);
    }

    /** Pure: every known backup tool a text calls, in order of first call (see {@link #backupTool}). */
    static List<String> backupTools(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.startsWith("#")) {
                continue;
            }
            for (String word : l.split("[\\s;&|()`\"'=]+")) {
                String base = word.substring(word.lastIndexOf('/') + 1);
                if (BACKUP_TOOLS.contains(base) && !out.contains(base)
                        && (word.equals(base) || word.matches("/(?:[^/]+/)*s?bin/" + Pattern.quote(base)))) {
                    out.add(base);
                }
            }
        }
        return out;
    }

    /** Pure: every {@code ExecStart=} runs a known housekeeping program ({@link #HOUSEKEEPING_PROGRAMS}). */
    static boolean housekeepingCommand(List<String> execStarts) {
        if (execStarts.isEmpty()) {
            return false;
        }
        for (String cmd : execStarts) {
            String program = cmd.split("\\s+")[0];
            String base = program.substring(program.lastIndexOf('/') + 1);
            if (!HOUSEKEEPING_PROGRAMS.contains(program) && !HOUSEKEEPING_PROGRAMS.contains(base)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The backup tool a service runs: in its {@code ExecStart=} lines, else in the scripts they start (absolute
     * paths that are files, read up to {@link #SCRIPT_MAX_CHARS}); {@code "folder"} when they write to a configured
     * backup folder; null when nothing shows the service copies data.
     */
    private static String serviceBackupTool(CollectContext ctx, String unit) {
        List<String> cmds = execStarts(unit);
        StringBuilder all = new StringBuilder(String.join("\n", cmds));
        String tool = backupTool(all.toString());
        if (tool != null) {
            return tool;
        }
        int scripts = 0;
        for (String cmd : cmds) {
            for (String word : cmd.split("\\s+")) {
                String w = word.replaceAll("^[\"']|[\"']$", "");
                if (!w.startsWith("/") || ctx.files().isDirectory(w) || ++scripts > 4) {
                    continue;
                }
                FileContent f = ctx.files().read(w);
                if (f.ok() && f.text().startsWith("#!")) {
                    String text = f.text().length() > SCRIPT_MAX_CHARS ? f.text().substring(0, SCRIPT_MAX_CHARS) : f.text();
                    all.append('\n').append(text);
                    tool = backupTool(text);
                    if (tool != null) {
                        return tool;
                    }
                }
            }
        }
        for (String folder : ctx.config().backupFolders()) {
            if (all.indexOf(stripSlash(folder)) >= 0) {
                return "folder";
            }
        }
        return null;
    }

    static final int SCRIPT_MAX_CHARS = 64 * 1024;

    /** Pure: {timer, activated service or null} per line of {@code systemctl list-timers --no-legend}. */
    static List<String[]> parseTimers(String out) {
        List<String[]> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            Matcher m = TIMER_LINE.matcher(line.strip());
            if (m.find()) {
                rows.add(new String[]{m.group(1), m.group(2)});
            }
        }
        return rows;
    }

    static Map<String, String> parseShow(String out) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return m;
    }

    /** Pure: a job from a service's last run ({@code Result}, {@code ExecMainStatus}, {@code ExecMainExitTimestamp=@epoch}). */
    static BackupJob serviceJob(String service, Map<String, String> props) {
        Instant exit = null;
        String ts = props.getOrDefault("ExecMainExitTimestamp", "");
        if (ts.startsWith("@") && ts.substring(1).matches("\\d+")) {
            long sec = Long.parseLong(ts.substring(1));
            exit = sec == 0 ? null : Instant.ofEpochSecond(sec);
        }
        Boolean ok = null;
        if (exit != null) {
            ok = "success".equals(props.get("Result")) && "0".equals(props.getOrDefault("ExecMainStatus", "0"));
        }
        return new BackupJob("systemd-timer", service, Boolean.TRUE.equals(ok) ? exit : null, exit, ok,
                "unknown", null, null);
    }

    /**
     * Pure: a timer's job carries the repository its service names (directly or through an environment file
     * already read), so a job towards a missing repository is seen as one.
     */
    static BackupJob withRepository(BackupJob job, String unitText, List<BackupJob> repositories) {
        if (unitText == null || job.lastSuccess() != null) {
            return job;
        }
        BackupJob match = null;
        for (BackupJob r : repositories) {
            if (r.destination() != null && unitText.contains(r.destination())) {
                match = r;
                break;
            }
        }
        if (match == null) {
            // the repository came through an EnvironmentFile: link only when the unit's tool has a single one
            for (String tool : List.of("restic", "borg")) {
                List<BackupJob> same = repositories.stream()
                        .filter(r -> r.product().equals(tool) && r.destination() != null).toList();
                if (same.size() == 1 && Pattern.compile("\\b" + tool + "\\b").matcher(unitText).find()) {
                    match = same.get(0);
                }
            }
        }
        if (match == null) {
            return job;
        }
        return new BackupJob(job.product(), job.name(), null, job.lastAttempt(), job.lastResultOk(),
                match.destinationKind(), match.destination(), null, null, match.repositoryFound(), match.copies());
    }

    // ------------------------------------------------------------------ folders

    private static BackupJob folder(CollectContext ctx, String folder) {
        if (!ctx.files().isDirectory(folder)) {
            return new BackupJob("folder", folder, null, null, null, destinationKind(folder), folder, false, null, false, null);
        }
        Instant newest = walkNewest(ctx, folder);
        return new BackupJob("folder", folder, newest, null, null, destinationKind(folder), folder, true,
                newest == null ? null : BackupJob.BY_FOLDER_FILES, null, null);
    }

    /** Newest mtime under a folder, breadth-first, capped in depth, entries and time. */
    static Instant walkNewest(CollectContext ctx, String folder) {
        long deadline = System.nanoTime() + FOLDER_MAX_TIME.toNanos();
        Instant best = null;
        List<String> level = List.of(folder);
        int seen = 0;
        for (int depth = 0; depth <= FOLDER_MAX_DEPTH && !level.isEmpty(); depth++) {
            List<String> next = new ArrayList<>();
            for (String dir : level) {
                for (String n : ctx.files().list(dir)) {
                    if (++seen > FOLDER_MAX_ENTRIES || System.nanoTime() > deadline) {
                        return best;
                    }
                    String p = dir + "/" + n;
                    if (ctx.files().isDirectory(p)) {
                        next.add(p);
                    } else {
                        Instant m = ctx.files().modified(p).orElse(null);
                        if (m != null && (best == null || m.isAfter(best))) {
                            best = m;
                        }
                    }
                }
            }
            level = next;
        }
        return best;
    }

    private static Instant newest(CollectContext ctx, String dir) {
        Instant best = null;
        int n = 0;
        for (String e : ctx.files().list(dir)) {
            if (++n > FOLDER_MAX_ENTRIES) {
                break;
            }
            Instant m = ctx.files().modified(dir + "/" + e).orElse(null);
            if (m != null && (best == null || m.isAfter(best))) {
                best = m;
            }
        }
        return best;
    }
}
