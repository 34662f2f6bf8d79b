package io.vigie.agent.collect.linux;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.agent.host.Privilege;
import io.vigie.checks.json.Json;
import io.vigie.checks.testing.RequiredService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the Linux collectors as user {@code nobody} in a child JVM ({@code setpriv}) and checks that what needs root
 * comes back UNKNOWN ({@code needs_admin}), never a made-up value. The classpath is copied to a temporary folder
 * nobody can read (the build tree may sit under /root).
 */
@EnabledOnOs(OS.LINUX)
class LinuxUnprivilegedLiveTest {

    @Test
    void rootOnlyFactsAreUnknownNeedsAdmin() throws Exception {
        RequiredService.require(Privilege.detectUnix() == Privilege.ADMIN, "not root: the unprivileged run needs root to switch to nobody");
        Path setpriv = RequiredService.programs("util-linux", "setpriv");
        Path work = Files.createTempDirectory("vigie-nobody");
        try {
            Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
            List<String> cp = new ArrayList<>();
            int i = 0;
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path src = Path.of(entry);
                if (!Files.exists(src)) {
                    continue;
                }
                Path dst = work.resolve("cp" + (i++) + (Files.isDirectory(src) ? "" : ".jar"));
                copy(src, dst);
                cp.add(dst.toString());
            }
            Path tmp = Files.createDirectory(work.resolve("tmp"));
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder pb = new ProcessBuilder(setpriv.toString(), "--reuid=65534", "--regid=65534", "--clear-groups",
                    java, "-Djava.io.tmpdir=" + tmp, "-Djna.tmpdir=" + tmp, "-Duser.home=" + tmp,
                    "-cp", String.join(File.pathSeparator, cp), LiveLinuxRun.class.getName());
            pb.environment().put("HOME", tmp.toString());
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
            assertEquals(0, p.exitValue(), "child JVM failed:\n" + out);
            Map<String, JsonNode> facts = new HashMap<>();
            for (String line : out.split("\n")) {
                if (line.startsWith("{")) {
                    JsonNode n = Json.mapper().readTree(line);
                    facts.put(n.get("key").asText(), n);
                }
            }
            assertEquals(19, facts.size(), "facts: " + facts.keySet());
            for (String key : List.of("accounts.passwords", "firewall.status")) {
                JsonNode f = facts.get(key);
                assertNotNull(f, key);
                assertEquals("UNKNOWN", f.get("status").asText(), key + ": " + f);
                assertEquals("needs_admin", f.get("reason").get("code").asText(), key + ": " + f);
            }
            // sudoers unreadable: the admin list still comes from the groups, but the sudoers detail is unknown
            JsonNode admins = facts.get("accounts.admins");
            assertEquals("OK", admins.get("status").asText(), admins.toString());
            assertTrue(admins.get("value").path("passwordlessSudo").isMissingNode()
                    || admins.get("value").get("passwordlessSudo").isNull(), admins.toString());
            // nothing may be reported as a collector crash
            facts.forEach((k, f) -> assertTrue(!"ERROR".equals(f.get("status").asText()), k + ": " + f));
        } finally {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
            }
        }
    }

    private static void copy(Path src, Path dst) throws Exception {
        if (Files.isDirectory(src)) {
            try (Stream<Path> s = Files.walk(src)) {
                for (Path x : s.toList()) {
                    Path t = dst.resolve(src.relativize(x).toString());
                    if (Files.isDirectory(x)) {
                        Files.createDirectories(t);
                        Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
                    } else {
                        Files.copy(x, t);
                        Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rw-r--r--"));
                    }
                }
            }
        } else {
            Files.copy(src, dst);
            Files.setPosixFilePermissions(dst, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}
