package io.vigie.agent.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.agent.collect.AgentConfig;
import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.exec.CommandResult;
import io.vigie.agent.fixtures.FixtureCases;
import io.vigie.agent.host.FileContent;
import io.vigie.agent.host.HostFiles;
import io.vigie.agent.host.Privilege;
import io.vigie.agent.platform.Platform;
import io.vigie.agent.platform.Platforms;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.json.Json;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vigie record} masks secrets: recorded through the seams from a fake root holding made-up secrets
 * ({@code src/test/resources/redact/}), nothing secret reaches the saved folder, and replaying it gives the
 * facts (hence the verdicts) of the live run.
 */
class RedactorTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    /** Every made-up secret of the fake root holds LEAK; hashes are matched by their shape. */
    static final Pattern LEAKED = Pattern.compile("LEAK|\\$(?:1|2b|5|6|y)\\$[^:\\s]*[A-Za-z0-9./]{16}");

    static Path fakeRoot() {
        try {
            return Path.of(RedactorTest.class.getResource("/redact/root").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The machine's files under a folder standing for {@code /}. */
    static HostFiles rooted(Path root) {
        return new HostFiles() {
            private Path p(String path) {
                return root.resolve(path.substring(1));
            }

            @Override
            public FileContent read(String path) {
                Path f = p(path);
                if (!Files.isRegularFile(f)) {
                    return FileContent.absent(path);
                }
                try {
                    return FileContent.ok(path, Files.readString(f));
                } catch (IOException e) {
                    return FileContent.error(path, e.toString());
                }
            }

            @Override
            public List<String> list(String dir) {
                try (Stream<Path> s = Files.list(p(dir))) {
                    return s.map(x -> x.getFileName().toString()).sorted().toList();
                } catch (IOException e) {
                    return List.of();
                }
            }

            @Override
            public Optional<Instant> modified(String path) {
                return Files.exists(p(path)) ? Optional.of(NOW.minusSeconds(3600)) : Optional.empty();
            }

            @Override
            public boolean exists(String path) {
                return Files.exists(p(path));
            }

            @Override
            public boolean isDirectory(String path) {
                return Files.isDirectory(p(path));
            }
        };
    }

    static CollectContext context(io.vigie.agent.exec.CommandRunner commands, HostFiles files,
                                  io.vigie.agent.host.SocketTable sockets) {
        return new CollectContext(commands, files, sockets, Clock.fixed(NOW, ZoneOffset.UTC), Privilege.ADMIN,
                AgentConfig.defaults());
    }

    static Map<String, JsonNode> facts(Platform platform, CollectContext ctx) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (Collector c : Platforms.collectors(platform, AgentConfig.defaults(), null)) {
            try {
                for (Fact<?> f : c.collect(ctx)) {
                    out.put(f.key(), Json.mapper().valueToTree(f));
                }
            } catch (Exception e) {
                out.put(c.name() + " threw", Json.mapper().valueToTree(e.toString()));
            }
        }
        return out;
    }

    static String allText(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                sb.append(Files.readString(p)).append('\n');
            }
        }
        return sb.toString();
    }

    @Test
    void aRecordedShadowKeepsNoHashAndReplaysToTheSameFacts(@TempDir Path dir) throws Exception {
        Recorder rec = new Recorder();
        CollectContext live = context(rec.commands((argv, stdin, t) -> CommandResult.notFound(argv)),
                rec.files(rooted(fakeRoot())), rec.sockets(List::of));
        Map<String, JsonNode> liveFacts = facts(Platform.LINUX, live);
        Redactor.Redaction redaction = rec.redacted(Map.of("platform", "linux", "now", NOW.toString()));
        redaction.recording().save(dir);

        String saved = allText(dir);
        assertTrue(saved.contains("/etc/shadow"), "the shadow file was read and recorded");
        Matcher leak = LEAKED.matcher(saved);
        assertFalse(leak.find(), () -> "a secret survived: " + leak.group());

        Recording back = Recording.load(dir);
        String shadow = back.file("/etc/shadow").orElseThrow().text();
        assertTrue(shadow.contains("root:$y$" + Redactor.MASK + ":20050"), shadow);
        assertTrue(shadow.contains("bob:!$6$" + Redactor.MASK + ":"), "locked stays locked: " + shadow);
        assertTrue(shadow.contains("guest::20050"), "an empty password stays empty: " + shadow);
        assertTrue(shadow.contains("daemon:*:") && shadow.contains("svc:!!:"), shadow);
        assertTrue(shadow.contains("old:" + Redactor.MASK + ":"), "a DES hash too: " + shadow);
        assertEquals(shadow.lines().count(), Files.readAllLines(fakeRoot().resolve("etc/shadow")).size());

        Map<String, JsonNode> replayed = facts(Platform.LINUX, context(Replay.commands(back), Replay.files(back),
                Replay.sockets(back)));
        assertEquals(liveFacts, replayed);
        assertEquals("OK", liveFacts.get("accounts.passwords").path("status").asText());
        assertEquals("[\"guest\"]", liveFacts.get("accounts.passwords").path("value").path("emptyPasswordAccounts").toString(),
                liveFacts.get("accounts.passwords").toString());

        Map<String, Integer> masked = new TreeMap<>();
        redaction.masked().forEach(m -> masked.put(m.source(), m.counts().values().stream().mapToInt(i -> i).sum()));
        assertEquals(5, masked.get("/etc/shadow"), "root, alice, bob, old, carol: " + masked);
        assertTrue(redaction.keptFiles().contains("/etc/group"), redaction.keptFiles().toString());
    }

    @Test
    void everyFileOfTheFakeRootIsMaskedWhenRead(@TempDir Path dir) throws Exception {
        Recorder rec = new Recorder();
        HostFiles files = rec.files(rooted(fakeRoot()));
        List<String> paths = new ArrayList<>();
        try (Stream<Path> s = Files.walk(fakeRoot())) {
            s.filter(Files::isRegularFile).forEach(p -> paths.add("/" + fakeRoot().relativize(p)));
        }
        paths.forEach(files::read);
        rec.commands((argv, stdin, t) -> new CommandResult(argv, 0, "port 22\npasswordauthentication yes\n"
                + "permitemptypasswords no\n", "", false, false, java.time.Duration.ZERO))
                .run(List.of("sshd", "-T"), null, java.time.Duration.ofSeconds(1));
        rec.recording(Map.of()).save(dir);
        String saved = allText(dir);
        Matcher leak = LEAKED.matcher(saved);
        assertFalse(leak.find(), () -> "a secret survived: " + leak.group() + " in\n" + saved);

        Recording back = Recording.load(dir);
        String snmp = back.file("/etc/snmp/snmpd.conf").orElseThrow().text();
        assertTrue(snmp.contains("rocommunity VIGIE-MASKED default -V systemonly"), snmp);
        assertTrue(snmp.contains("trap2sink 192.0.2.10 VIGIE-MASKED"), snmp);
        // the well-known default community protects nothing and is VIG-NET-005's finding: kept
        assertTrue(snmp.contains("rocommunity public localhost"), snmp);
        assertTrue(snmp.contains("sysLocation Server room"), snmp);
        String xrdp = back.file("/etc/xrdp/xrdp.ini").orElseThrow().text();
        assertTrue(xrdp.contains("password=ask") && xrdp.contains("security_layer=negotiate"), "settings kept: " + xrdp);
        String sshd = back.file("/etc/ssh/sshd_config").orElseThrow().text();
        assertEquals(Files.readString(fakeRoot().resolve("etc/ssh/sshd_config")), sshd, "nothing secret in sshd_config");
        String key = back.file("/etc/ssh/ssh_host_ed25519_key").orElseThrow().text();
        assertTrue(key.startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\n" + Redactor.MASK + "\n-----END"), key);
        String env = back.file("/etc/restic/restic.env").orElseThrow().text();
        assertTrue(env.contains("RESTIC_PASSWORD_FILE=/etc/restic/password"), env);
        assertTrue(env.contains("rest:https://backup:" + Redactor.MASK + "@backup.example.lan:8000/host/"), env);
        assertTrue(env.contains("B2_ACCOUNT_KEY=${B2_KEY}"), env);
        assertEquals("port 22\npasswordauthentication yes\npermitemptypasswords no\n",
                back.command(List.of("sshd", "-T"), null).orElseThrow().stdout());
    }

    @Test
    void passwordFieldsKeepWhatTheyTell() {
        assertEquals("", Redactor.passwordField(""));
        assertEquals("x", Redactor.passwordField("x"));
        assertEquals("!", Redactor.passwordField("!"));
        assertEquals("!!", Redactor.passwordField("!!"));
        assertEquals("*", Redactor.passwordField("*"));
        assertEquals("!*", Redactor.passwordField("!*"));
        assertEquals("$6$" + Redactor.MASK, Redactor.passwordField("$6$abc$def"));
        assertEquals("!$y$" + Redactor.MASK, Redactor.passwordField("!$y$j9T$abc$def"));
        assertEquals(Redactor.MASK, Redactor.passwordField("abcdEFGH12345"));
        assertEquals("$6$" + Redactor.MASK, Redactor.passwordField("$6$" + Redactor.MASK), "masking twice changes nothing");
    }

    @Test
    void jsonAndWindowsOutputsStayParsable() throws Exception {
        String json = "{\"Name\":\"Invité\",\"PasswordRequired\":false,\"token\":\"LEAKjson\",\"ApiKey\":12345,"
                + "\"secret\":null,\"Enabled\":true}";
        RawAnswer a = new RawAnswer(RawAnswer.COMMAND, List.of("powershell.exe", "-Command", "-"), "# vigie-probe: x\n",
                0, json, "", null, null, null, null, null, null, null, null, null, null);
        Redactor.Result r = Redactor.redact(a);
        JsonNode n = Json.mapper().readTree(r.answer().stdout());
        assertEquals(Redactor.MASK, n.get("token").asText());
        assertEquals(Redactor.MASK, n.get("ApiKey").asText());
        assertTrue(n.get("secret").isNull());
        assertFalse(n.get("PasswordRequired").asBoolean());
        assertEquals(Map.of(Redactor.Kind.SECRET_VALUE, 2), r.masked());
        String dpkg = "Package: gnupg\nDescription: GNU privacy guard\n secret key material for OpenPGP.\n";
        assertEquals(dpkg, Redactor.text("/var/lib/dpkg/status", dpkg, new java.util.EnumMap<>(Redactor.Kind.class)),
                "prose is not a setting");
        String wlan = "    Key Content            : LEAKwlan\n    Cost                   : Unrestricted\n";
        assertEquals("    Key Content            : " + Redactor.MASK + "\n    Cost                   : Unrestricted\n",
                Redactor.text(null, wlan, new java.util.EnumMap<>(Redactor.Kind.class)));
    }

    /** Every fixture case and recorded machine: the masked recording replays to the same facts as the raw one. */
    @TestFactory
    Stream<DynamicTest> everyFixtureReplaysToTheSameFactsOnceMasked() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        Path fixtures = FixtureCases.root();
        Path machines = fixtures.resolveSibling("machines");
        for (Path base : List.of(fixtures, machines)) {
            try (Stream<Path> s = Files.walk(base)) {
                for (Path m : s.filter(p -> p.getFileName().toString().equals(Recording.MACHINE_FILE)).sorted().toList()) {
                    Path caseDir = m.getParent();
                    String rel = base.getParent().relativize(caseDir).toString();
                    tests.add(DynamicTest.dynamicTest(rel, () -> sameFacts(caseDir,
                            base == fixtures ? fixtures.relativize(caseDir).getName(0).toString() : null)));
                }
            }
        }
        assertTrue(tests.size() > 100, "fixture cases found: " + tests.size());
        return tests.stream();
    }

    private static void sameFacts(Path caseDir, String os) {
        try {
            Recording raw = Recording.load(caseDir);
            Recording masked = Redactor.redact(raw).recording();
            Platform p = Platform.parse(os != null ? os : raw.machine().get("platform"));
            Instant now = raw.machine().get("now") == null ? NOW : Instant.parse(raw.machine().get("now"));
            Privilege priv = raw.machine().get("privilege") == null ? Privilege.ADMIN
                    : Privilege.valueOf(raw.machine().get("privilege"));
            assertEquals(facts(p, ctx(raw, now, priv)), facts(p, ctx(masked, now, priv)), caseDir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CollectContext ctx(Recording r, Instant now, Privilege privilege) {
        return new CollectContext(Replay.commands(r), Replay.files(r), Replay.sockets(r), Clock.fixed(now, ZoneOffset.UTC),
                privilege, AgentConfig.defaults());
    }
}
