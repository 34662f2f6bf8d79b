package io.vigie.console.web;

import io.vigie.console.api.ConsoleFixture;
import io.vigie.console.web.WebTestClient.Resp;
import io.vigie.console.web.WebTestClient.Session;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 finding 6: one-time secrets (invitation, password reset, owner's link) travel in URL paths and were
 * written to the access log. A run that creates and opens one of each kind must leave none of them in the log.
 */
class AccessLogSecretsTest extends ConsoleWebTest {

    @Override
    boolean accessLog() {
        return true;
    }

    @Test
    void noOneTimeSecretReachesTheAccessLog() throws Exception {
        Logger access = Logger.getLogger("io.vigie.console.access");
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                synchronized (lines) {
                    lines.add(r.getMessage() + " " + java.util.Arrays.deepToString(r.getParameters()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Level level = access.getLevel();
        access.setLevel(java.util.logging.Level.INFO);
        access.addHandler(capture);
        List<String> secrets = new ArrayList<>();
        try {
            Session admin = web.login("admin@alpha.example", ConsoleFixture.PASSWORD);
            Resp inv = web.post("/admin/invitations", admin, Map.of("email", "nouveau@alpha.example", "role", "EXPERT",
                    "organisationId", ""));
            Matcher m = Pattern.compile("(/invitations/([A-Za-z0-9_-]+))</code>").matcher(inv.body());
            assertTrue(m.find(), inv.body());
            secrets.add(m.group(2));
            assertEquals(200, web.get(m.group(1), Map.of()).status());

            UUID userId = c.store.accounts().findLogin("admin@beta.example").orElseThrow().user().id();
            Session adminB = web.login("admin@beta.example", ConsoleFixture.PASSWORD);
            Resp reset = web.post("/admin/users/" + userId + "/password-reset", adminB, Map.of());
            Matcher r = Pattern.compile("(/password-reset/([A-Za-z0-9_-]+))</code>").matcher(reset.body());
            assertTrue(r.find(), reset.body());
            secrets.add(r.group(2));
            assertEquals(200, web.get(r.group(1), Map.of()).status());

            Resp d = web.post("/organisations/" + c.a1.id() + "/diagnostics", admin, Map.of("workstations", "5", "servers", "1"));
            assertEquals(303, d.status(), d.body());
            Resp link = web.post(d.location() + "/owner-links", admin, Map.of());
            Matcher o = Pattern.compile("(/autodiag/([A-Za-z0-9_-]+))").matcher(link.body());
            assertTrue(o.find(), link.body());
            secrets.add(o.group(2));
            assertEquals(200, web.get(o.group(1), Map.of()).status());
            // the line is written when the response ends: wait for the last request's line
            long until = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < until) {
                synchronized (lines) {
                    if (lines.stream().anyMatch(l -> l.contains("/autodiag/"))) {
                        break;
                    }
                }
                Thread.sleep(20);
            }
        } finally {
            access.removeHandler(capture);
            access.setLevel(level);
        }
        assertEquals(3, secrets.size());
        synchronized (lines) {
            assertTrue(lines.stream().anyMatch(l -> l.contains("/autodiag/[redacted]")), String.join("\n", lines));
            for (String line : lines) {
                for (String s : secrets) {
                    assertFalse(line.contains(s), "secret " + s + " in the access log: " + line);
                }
            }
        }
    }
}
