package io.vigie.demo;

import io.vigie.console.store.Device;
import io.vigie.console.store.LoginCandidate;
import io.vigie.console.store.Organisation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo: this machine's real agent check, enrolled and uploaded to a loopback console; a re-run reuses it all. */
class DemoTest {

    @TempDir
    Path tmp;

    @Test
    void theDemoEnrollsThisMachineAndARerunReusesTheFolder() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Demo.Io io = new Demo.Io(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8), Map.of(), Clock.systemUTC());
        Path dir = tmp.resolve("demo");
        Demo.Started first = Demo.start(dir, 0, io);
        String password1;
        try {
            assertTrue(first.url().startsWith("http://127.0.0.1:"), first.url());
            assertTrue(!first.reused());
            password1 = first.password();
            LoginCandidate u = first.server().store().accounts().findLogin(Demo.EMAIL).orElseThrow();
            List<Organisation> orgs = first.server().store().tenants().organisations(u.user().scope());
            assertEquals(1, orgs.size());
            List<Device> devices = first.server().store().tenants().devices(u.user().scope(), orgs.get(0).id());
            assertEquals(1, devices.size());
            assertEquals(1, first.server().store().reports().reports(u.user().scope(), devices.get(0).id(), 10).size());
            // the login page answers on loopback
            HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(first.url() + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, login.statusCode());
        } finally {
            first.server().close();
        }
        Demo.Started second = Demo.start(dir, 0, io);
        try {
            assertTrue(second.reused());
            assertTrue(!second.password().equals(password1), "a new password each run");
            LoginCandidate u = second.server().store().accounts().findLogin(Demo.EMAIL).orElseThrow();
            List<Organisation> orgs = second.server().store().tenants().organisations(u.user().scope());
            assertEquals(1, orgs.size(), "same organisation");
            List<Device> devices = second.server().store().tenants().devices(u.user().scope(), orgs.get(0).id());
            assertEquals(1, devices.size(), "same device (its id is kept in the agent's state folder)");
            assertEquals(2, second.server().store().reports().reports(u.user().scope(), devices.get(0).id(), 10).size());
        } finally {
            second.server().close();
        }
    }

    /** Issue 14: with the port taken, the demo takes another free port instead of dying with a stack trace. */
    @Test
    void aBusyPortFallsBackToAFreeOne() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Demo.Io io = new Demo.Io(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), Clock.systemUTC());
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            java.nio.file.Files.createDirectories(tmp.resolve("busy"));
            io.vigie.console.server.ConsoleServer server = Demo.startServer(tmp.resolve("busy"), busy.getLocalPort(), io);
            try {
                assertTrue(server.localUrl().startsWith("http://127.0.0.1:"), server.localUrl());
                assertTrue(!server.localUrl().endsWith(":" + busy.getLocalPort()), server.localUrl());
                assertTrue(err.toString(StandardCharsets.UTF_8).contains("le port " + busy.getLocalPort() + " est occupé"),
                        err.toString(StandardCharsets.UTF_8));
                HttpResponse<String> login = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(server.localUrl() + "/login")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, login.statusCode());
            } finally {
                server.close();
            }
        }
    }
}
