// Vigie console ingestion benchmark (load generator). Run through bench/ingest/run.sh, which builds the
// console, starts it as its own process, and passes --url/--token/--pid. Single-file Java program: it runs
// with `java -cp "console/target/vigie-console.jar:console/target/lib/*" bench/ingest/IngestBench.java ...`.
//
// What it does: enrolls --devices simulated agents through the API, then --concurrency client threads send
// realistic reports (about 30 KB of JSON, gzip, a new reportId each time) for --warmup + --seconds over
// loopback; it prints sustained reports/s, p50/p99 latency, the console's CPU time and RSS (from /proc), then
// the ceiling on the same database: raw JDBC inserts of the same payloads (one commit each, like the console),
// and the console's store path without HTTP.

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.checks.fact.Account;
import io.vigie.checks.fact.AdminAccounts;
import io.vigie.checks.fact.AntivirusStatus;
import io.vigie.checks.fact.AutoUpdate;
import io.vigie.checks.fact.AvProduct;
import io.vigie.checks.fact.BackupJob;
import io.vigie.checks.fact.BackupStatus;
import io.vigie.checks.fact.BuiltinAccounts;
import io.vigie.checks.fact.DiskEncryption;
import io.vigie.checks.fact.Exposure;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.FirewallProfile;
import io.vigie.checks.fact.FirewallStatus;
import io.vigie.checks.fact.InboundPolicy;
import io.vigie.checks.fact.LastInstall;
import io.vigie.checks.fact.Listener;
import io.vigie.checks.fact.Listeners;
import io.vigie.checks.fact.OsIdentity;
import io.vigie.checks.fact.PasswordHygiene;
import io.vigie.checks.fact.PatchStatus;
import io.vigie.checks.fact.RdpServer;
import io.vigie.checks.fact.Reason;
import io.vigie.checks.fact.RemoteTool;
import io.vigie.checks.fact.RemoteTools;
import io.vigie.checks.fact.SmbV1;
import io.vigie.checks.fact.SshServer;
import io.vigie.checks.fact.Volume;
import io.vigie.checks.fact.WinRm;
import io.vigie.checks.json.Json;
import io.vigie.checks.report.Finding;
import io.vigie.checks.report.LanDiscovery;
import io.vigie.checks.report.Report;
import io.vigie.checks.report.Severity;
import io.vigie.checks.report.Verdict;
import io.vigie.console.store.DeviceIdentity;
import io.vigie.console.store.NewReport;
import io.vigie.console.store.jdbc.Database;
import io.vigie.console.store.jdbc.JdbcStore;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

public class IngestBench {

    static final String PLACEHOLDER = "00000000-0000-4000-8000-000000000000";

    public static void main(String[] a) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < a.length; i += 2) {
            o.put(a[i].replaceFirst("^--", ""), a[i + 1]);
        }
        if (o.containsKey("pg-schema")) { // helper for run.sh: create|drop a schema
            String[] v = o.get("pg-schema").split(":", 2);
            try (Connection c = DriverManager.getConnection(o.get("jdbc")); Statement s = c.createStatement()) {
                s.execute(v[0].equals("create") ? "CREATE SCHEMA " + v[1] : "DROP SCHEMA IF EXISTS " + v[1] + " CASCADE");
            }
            return;
        }
        String url = o.get("url");
        String token = o.get("token");
        long pid = Long.parseLong(o.getOrDefault("pid", "0"));
        int devices = Integer.parseInt(o.getOrDefault("devices", "500"));
        int conc = Integer.parseInt(o.getOrDefault("concurrency", "32"));
        int warm = Integer.parseInt(o.getOrDefault("warmup", "10"));
        int secs = Integer.parseInt(o.getOrDefault("seconds", "30"));
        String jdbc = o.get("jdbc");

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        // --- enroll the simulated agents through the API
        JsonNode org = call(http, "POST", url + "/api/v1/organisations", token,
                "{\"name\":\"Bench " + Instant.now() + "\"}", 201);
        String orgId = org.get("id").asText();
        List<String[]> agents = new ArrayList<>(); // {deviceId, credential}
        long t0 = System.nanoTime();
        for (int i = 0; i < devices; i++) {
            String code = call(http, "POST", url + "/api/v1/organisations/" + orgId + "/enrollment-codes", token, "{}", 201)
                    .get("code").asText();
            String dev = UUID.randomUUID().toString();
            JsonNode e = call(http, "POST", url + "/api/v1/enroll", null,
                    "{\"code\":\"" + code + "\",\"deviceId\":\"" + dev + "\",\"hostname\":\"pc-" + i + "\",\"platform\":\"linux\"}", 201);
            agents.add(new String[] {dev, e.get("credential").asText()});
        }
        System.out.printf("enrolled %d devices in %.1f s%n", devices, (System.nanoTime() - t0) / 1e9);

        // --- one report template per device (the placeholder is replaced by a fresh reportId per upload)
        Map<String, String> templates = new HashMap<>();
        for (String[] ag : agents) {
            templates.put(ag[0], Json.mapper().writeValueAsString(report(UUID.fromString(ag[0]), UUID.fromString(PLACEHOLDER))));
        }
        String sample = templates.values().iterator().next();
        int jsonBytes = sample.getBytes(StandardCharsets.UTF_8).length;
        int gzBytes = gzip(sample.getBytes(StandardCharsets.UTF_8)).length;
        System.out.printf("report: %d bytes JSON, %d bytes gzip%n", jsonBytes, gzBytes);

        // --- bodies gzipped before the run, so the client spends its CPU on sending, not compressing (the
        // console shares the same cores); if they run out they are sent again and count as already stored (200)
        int poolSize = Math.min(40_000, (warm + secs) * Integer.parseInt(o.getOrDefault("rate-guess", "700")));
        String[] poolAgent = new String[poolSize];
        byte[][] poolBody = new byte[poolSize][];
        long g0 = System.nanoTime();
        for (int i = 0; i < poolSize; i++) {
            String[] ag = agents.get(i % agents.size());
            poolAgent[i] = ag[1];
            poolBody[i] = gzip(templates.get(ag[0]).replace(PLACEHOLDER, UUID.randomUUID().toString())
                    .getBytes(StandardCharsets.UTF_8));
        }
        System.out.printf("gzipped %d distinct reports in %.1f s%n", poolSize, (System.nanoTime() - g0) / 1e9);

        // --- load
        AtomicLong next = new AtomicLong();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long measureFrom = start + warm * 1_000_000_000L;
        long end = measureFrom + secs * 1_000_000_000L;
        long[][] lat = new long[conc][];
        int[] counts = new int[conc];
        CountDownLatch done = new CountDownLatch(conc);
        long[] cpuBefore = new long[1];
        Thread sampler = new Thread(() -> {
            try {
                Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
                cpuBefore[0] = cpuTicks(pid);
            } catch (Exception ignored) {
                // no CPU figure
            }
        });
        sampler.start();
        for (int t = 0; t < conc; t++) {
            int tid = t;
            lat[t] = new long[1 << 16];
            new Thread(() -> {
                try {
                    while (true) {
                        long now = System.nanoTime();
                        if (now >= end) {
                            break;
                        }
                        int idx = (int) (next.getAndIncrement() % poolSize);
                        byte[] body = poolBody[idx];
                        HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/api/v1/reports"))
                                .header("Authorization", "Bearer " + poolAgent[idx]).header("Content-Type", "application/json")
                                .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                        long s = System.nanoTime();
                        int st;
                        try {
                            st = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
                        } catch (Exception ex) {
                            st = -1;
                        }
                        long f = System.nanoTime();
                        if (s >= measureFrom && f <= end) {
                            statuses.computeIfAbsent(st, k -> new AtomicLong()).incrementAndGet();
                            if (counts[tid] == lat[tid].length) {
                                lat[tid] = Arrays.copyOf(lat[tid], lat[tid].length * 2);
                            }
                            lat[tid][counts[tid]++] = f - s;
                        }
                    }
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
        long cpuAfter = cpuTicks(pid);
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] all = new long[(int) total];
        int k = 0;
        for (int t = 0; t < conc; t++) {
            System.arraycopy(lat[t], 0, all, k, counts[t]);
            k += counts[t];
        }
        Arrays.sort(all);
        long ok = statuses.getOrDefault(201, new AtomicLong()).get();
        System.out.printf("HTTP: %d s measured after %d s warm-up, %d client threads, %d devices%n", secs, warm, conc, devices);
        System.out.printf("  reports/s (201 stored): %.0f%n", ok / (double) secs);
        System.out.printf("  statuses: %s%n", new java.util.TreeMap<>(statuses));
        if (all.length > 0) {
            System.out.printf("  latency ms: p50 %.1f  p99 %.1f  max %.1f%n", pct(all, 0.50), pct(all, 0.99),
                    all[all.length - 1] / 1e6);
        }
        if (pid > 0) {
            double cpu = (cpuAfter - cpuBefore[0]) / 100.0; // USER_HZ = 100 on Linux
            System.out.printf("  console CPU: %.1f s over %d s (%.0f%% of one core)%n", cpu, secs, 100 * cpu / secs);
            System.out.printf("  console RSS: now %s, peak %s%n", procStatus(pid, "VmRSS"), procStatus(pid, "VmHWM"));
        }

        if (jdbc != null) {
            ceiling(jdbc, agents, templates, orgId, conc, secs);
        }
    }

    /** The same payloads straight into the same database: raw single-row inserts, then the console's store path. */
    static void ceiling(String jdbc, List<String[]> agents, Map<String, String> templates, String orgId, int conc, int secs)
            throws Exception {
        try (Database db = Database.open(jdbc, null, null, Math.max(2, Math.min(conc, 8)))) {
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE bench_raw (id VARCHAR(36) NOT NULL PRIMARY KEY, device_id VARCHAR(36) NOT NULL, "
                        + "received_at BIGINT NOT NULL, body TEXT NOT NULL)");
            }
            JdbcStore store = new JdbcStore(db);
            double raw = runFor(conc, secs, agents, (ag, body) -> {
                try (Connection c = db.dataSource().getConnection();
                     PreparedStatement ps = c.prepareStatement("INSERT INTO bench_raw (id, device_id, received_at, body) VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, UUID.randomUUID().toString());
                    ps.setString(2, ag[0]);
                    ps.setLong(3, System.currentTimeMillis());
                    ps.setString(4, body);
                    ps.executeUpdate();
                }
            }, templates);
            double viaStore = runFor(conc, secs, agents, (ag, body) -> {
                Report r = Json.mapper().readValue(body, Report.class);
                store.storeReport(new DeviceIdentity(r.deviceId(), UUID.fromString(orgId), null),
                        new NewReport(r.reportId(), r.deviceId(), r.schemaVersion(), r.hostname(), r.platform(),
                                r.agentVersion(), r.catalogueVersion(), r.startedAt(), r.finishedAt(), body, r.findings(),
                                "bench", List.of()), Instant.now());
            }, templates);
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE bench_raw");
            }
            System.out.printf("JDBC ceiling on the same database (%d threads, %d s each, one commit per report):%n", conc, secs);
            System.out.printf("  raw INSERT of the body: %.0f rows/s%n", raw);
            System.out.printf("  console store path (parse + report + 2 verdict sets + device update, no HTTP): %.0f reports/s%n", viaStore);
        }
    }

    interface Work {
        void run(String[] agent, String body) throws Exception;
    }

    static double runFor(int conc, int secs, List<String[]> agents, Work w, Map<String, String> templates) throws Exception {
        AtomicLong n = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong next = new AtomicLong();
        long end = System.nanoTime() + secs * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(conc);
        for (int t = 0; t < conc; t++) {
            new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        String[] ag = agents.get((int) (next.getAndIncrement() % agents.size()));
                        String body = templates.get(ag[0]).replace(PLACEHOLDER, UUID.randomUUID().toString());
                        try {
                            w.run(ag, body);
                            n.incrementAndGet();
                        } catch (Exception e) {
                            if (errors.incrementAndGet() == 1) {
                                System.out.println("  first error: " + e);
                            }
                        }
                    }
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
        return n.get() / (double) secs;
    }

    static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    static long cpuTicks(long pid) throws Exception {
        if (pid <= 0) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime
    }

    static String procStatus(long pid, String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                return (kb / 1024) + " MB";
            }
        }
        return "?";
    }

    static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length / 4);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    static JsonNode call(HttpClient http, String method, String url, String token, String json, int expect) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expect) {
            throw new IllegalStateException(method + " " + url + " -> " + r.statusCode() + " " + r.body());
        }
        return Json.mapper().readTree(r.body());
    }

    /** A busy small-office server: many listeners, packages, accounts, backups (about 30 KB of JSON). */
    static Report report(UUID deviceId, UUID reportId) {
        Instant at = Instant.parse("2026-03-02T08:15:00Z");
        Map<String, Fact<?>> f = new LinkedHashMap<>();
        f.put("os.identity", Fact.ok(FactKeys.OS_IDENTITY, "/etc/os-release", at, new OsIdentity("linux", "debian",
                "Debian GNU/Linux 12 (bookworm)", "12", "6.1.0-18-amd64", null, null, "6.1.0-18-amd64", "x86_64", null)));
        List<String> pkgs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pkgs.add("libsecurity-package-" + i + "t64");
        }
        f.put("patch.status", Fact.ok(FactKeys.PATCH_STATUS, "apt list --upgradable", at,
                new PatchStatus("apt", 57, 20, pkgs, at.minusSeconds(3600), Boolean.TRUE)));
        f.put("patch.lastInstall", Fact.ok(FactKeys.PATCH_LAST_INSTALL, "/var/log/apt/history.log", at,
                new LastInstall(at.minusSeconds(86_400 * 12), "apt-history")));
        f.put("patch.auto", Fact.ok(FactKeys.PATCH_AUTO, "apt-config dump", at,
                new AutoUpdate(Boolean.FALSE, "unattended-upgrades", "APT::Periodic::Unattended-Upgrade=0")));
        List<Account> admins = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            admins.add(new Account("admin-user-" + i, String.valueOf(1000 + i), i == 0 ? "uid0" : "group:sudo", Boolean.TRUE));
        }
        f.put("accounts.admins", Fact.ok(FactKeys.ACCOUNTS_ADMINS, "getent group sudo; /etc/sudoers", at,
                new AdminAccounts(admins, "admin-user-3", Boolean.TRUE, List.of("%deploy ALL=(ALL) NOPASSWD: ALL"))));
        f.put("accounts.builtin", Fact.ok(FactKeys.ACCOUNTS_BUILTIN, "/etc/passwd", at,
                new BuiltinAccounts(null, null, List.of(), null)));
        f.put("accounts.passwords", Fact.unknown(FactKeys.ACCOUNTS_PASSWORDS, "/etc/shadow", at,
                Reason.of(Reason.NEEDS_ADMIN, "open /etc/shadow: permission denied")));
        f.put("disk.encryption", Fact.ok(FactKeys.DISK_ENCRYPTION, "lsblk -J; cryptsetup status", at, new DiskEncryption(List.of(
                new Volume("/", "/dev/mapper/vg-root", true, Boolean.TRUE, Boolean.TRUE, "LUKS2", null, "aes-xts-plain64"),
                new Volume("/srv", "/dev/sdb1", false, Boolean.FALSE, Boolean.FALSE, null, null, "ext4, not encrypted")))));
        List<BackupJob> jobs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            jobs.add(new BackupJob("restic", "job-" + i, at.minusSeconds(3600L * (i + 1)), at.minusSeconds(3600L * i),
                    i != 3, "network", "sftp:nas-" + i + ".local:/backups/server", Boolean.FALSE));
        }
        f.put("backup.status", Fact.ok(FactKeys.BACKUP_STATUS, "systemctl list-timers; restic snapshots", at,
                new BackupStatus(jobs, List.of("restic", "borg", "timeshift", "rsnapshot", "systemd-timer", "folder"))));
        List<Listener> ls = new ArrayList<>();
        for (int i = 0; i < 170; i++) {
            boolean local = i % 3 == 0;
            ls.add(new Listener(i % 5 == 0 ? "udp" : "tcp", local ? "127.0.0.1" : "0.0.0.0", 1024 + i * 7, 3000 + i,
                    "service-process-" + (i % 40), local ? Exposure.LOCAL : Exposure.NETWORK));
        }
        f.put("net.listeners", Fact.ok(FactKeys.NET_LISTENERS, "/proc/net/tcp; /proc/net/udp", at, new Listeners(ls)));
        f.put("remote.ssh", Fact.ok(FactKeys.REMOTE_SSH, "sshd -T", at,
                new SshServer(Boolean.TRUE, List.of(22, 2222), Boolean.TRUE, Boolean.FALSE, "yes", "sshd -T")));
        f.put("remote.rdp", Fact.notApplicable(FactKeys.REMOTE_RDP, "platform", at, Reason.of(Reason.NOT_SUPPORTED)));
        f.put("remote.winrm", Fact.notApplicable(FactKeys.REMOTE_WINRM, "platform", at, Reason.of(Reason.NOT_SUPPORTED)));
        f.put("remote.tools", Fact.ok(FactKeys.REMOTE_TOOLS, "dpkg-query; ps", at, new RemoteTools(List.of(
                new RemoteTool("rustdesk", Boolean.TRUE, Boolean.TRUE, List.of(21115, 21116)),
                new RemoteTool("x11vnc", Boolean.TRUE, Boolean.FALSE, List.of())),
                List.of("teamviewer", "anydesk", "rustdesk", "x11vnc", "tigervnc", "nomachine"))));
        f.put("smb.v1", Fact.ok(FactKeys.SMB_V1, "testparm -s", at, new SmbV1(Boolean.FALSE, null, "server min protocol = SMB2_02")));
        f.put("firewall.status", Fact.ok(FactKeys.FIREWALL_STATUS, "nft list ruleset", at, new FirewallStatus(List.of(
                new FirewallProfile("nftables", Boolean.TRUE, InboundPolicy.ALLOW, null)), List.of())));
        f.put("av.status", Fact.ok(FactKeys.AV_STATUS, "systemctl; freshclam.log", at, new AntivirusStatus(List.of(
                new AvProduct("ClamAV", Boolean.TRUE, Boolean.FALSE, at.minusSeconds(90_000), Boolean.FALSE, "normal", Boolean.FALSE)),
                List.of("clamav", "sophos", "eset", "crowdstrike", "sentinelone"))));
        f.put("os.protection", Fact.notApplicable(FactKeys.OS_PROTECTION, "platform", at, Reason.of(Reason.NOT_SUPPORTED)));
        List<Finding> findings = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            findings.add(new Finding(String.format("VIG-NET-%03d", i), i % 4 == 0 ? Verdict.FAIL : Verdict.PASS,
                    i % 4 == 0 ? Severity.MEDIUM : null, "T09", "reason_" + i, Map.of("count", i, "ports", List.of(22, 2222)),
                    List.of("net.listeners")));
        }
        return new Report(1, reportId, deviceId, "srv-bench", "linux", "0.1.0", "0", at, at.plusSeconds(6), f, findings,
                LanDiscovery.notPerformed());
    }
}
