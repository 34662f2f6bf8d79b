package io.vigie.agent.link;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.vigie.agent.link.ConsoleException.Kind;
import io.vigie.checks.report.LanDiscovery;
import io.vigie.checks.report.Report;
import io.vigie.checks.text.Lang;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS with a self-signed certificate made here (keytool) on a 127.0.0.1 HTTPS server: the key pin is enforced,
 * never trust-all; the HTTPS proxy (a CONNECT proxy on loopback); name-not-found through the resolver seam.
 */
class ConsoleTlsTest {

    @TempDir
    static Path keys;

    static KeyStore keyStore;
    static X509Certificate cert;

    HttpsServer server;
    URI url;
    final AtomicInteger requests = new AtomicInteger();
    final UUID device = UUID.randomUUID();

    @BeforeAll
    static void certificate() throws Exception {
        Path ks = keys.resolve("console.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "console", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=console-test", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, output);
        keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            keyStore.load(in, "changeit".toCharArray());
        }
        cert = (X509Certificate) keyStore.getCertificate("console");
    }

    @BeforeEach
    void start() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx));
        server.createContext("/", ex -> {
            requests.incrementAndGet();
            try (InputStream in = ex.getRequestBody()) {
                in.readAllBytes();
            }
            String body = ex.getRequestURI().getPath().endsWith("/enroll")
                    ? "{\"deviceId\":\"" + device + "\",\"organisationId\":\"" + UUID.randomUUID() + "\",\"secret\":\"s3cret\"}"
                    : "{\"status\":\"stored\"}";
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(201, b.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(b);
            }
        });
        server.start();
        url = URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    Report report() {
        return new Report(Report.SCHEMA_VERSION, UUID.randomUUID(), device, "pc", "linux", "0.1", "0", Instant.EPOCH,
                Instant.EPOCH, Map.of(), List.of(), LanDiscovery.notPerformed());
    }

    @Test
    void thePinnedKeyIsAcceptedAndKeptWithTheEnrollment(@TempDir Path state) throws Exception {
        KeyPin pin = KeyPin.of(cert.getPublicKey());
        ConsoleClient client = new ConsoleClient();
        Enrollment e = client.enroll(url, "CODE", device, "pc", "linux", pin);
        assertEquals(pin.toString(), e.pin());
        e.save(state);
        Enrollment loaded = Enrollment.load(state).orElseThrow();
        assertEquals(pin, loaded.keyPin());
        assertEquals("stored", new ConsoleClient().send(loaded, report()).alreadyStored() ? "already" : "stored");
        assertEquals(2, requests.get());
    }

    @Test
    void anotherKeyIsRefusedOnEveryConnectionWithAClearMessage(@TempDir Path state) throws Exception {
        KeyPin other = KeyPin.of(KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic());
        ConsoleException ex = assertThrows(ConsoleException.class,
                () -> new ConsoleClient().enroll(url, "CODE", device, "pc", "linux", other));
        assertEquals(Kind.KEY_MISMATCH, ex.kind());
        assertFalse(ex.retryable());
        assertTrue(ex.message(Lang.FR).contains("ne présente pas la clé attendue"), ex.message(Lang.FR));
        assertTrue(ex.message(Lang.EN).contains("does not present the expected key"), ex.message(Lang.EN));
        assertTrue(ex.message(Lang.EN).contains(KeyPin.of(cert.getPublicKey()).toString()), "says which key it saw");

        // an enrollment whose saved pin no longer matches: every send is refused too
        new Enrollment(url, device, "s3cret", null, Instant.EPOCH, other.toString()).save(state);
        ConsoleException send = assertThrows(ConsoleException.class,
                () -> new ConsoleClient().send(Enrollment.load(state).orElseThrow(), report()));
        assertEquals(Kind.KEY_MISMATCH, send.kind());
        assertEquals(0, requests.get(), "nothing reached the server");
    }

    @Test
    void withoutAPinTheSystemTrustStoreDecidesNeverTrustAll() {
        ConsoleException ex = assertThrows(ConsoleException.class,
                () -> new ConsoleClient().enroll(url, "CODE", device, "pc", "linux"));
        assertEquals(Kind.TLS, ex.kind());
        assertTrue(ex.message(Lang.FR).contains("connexion sécurisée"), ex.message(Lang.FR));
        assertEquals(0, requests.get());
    }

    @Test
    void badPinsAreRefusedWhenGiven() {
        assertThrows(IllegalArgumentException.class, () -> KeyPin.parse("md5/abcd"));
        assertThrows(IllegalArgumentException.class, () -> KeyPin.parse("sha256/AAAA"));
        KeyPin p = KeyPin.of(cert.getPublicKey());
        assertEquals(p, KeyPin.parse(p.toString().replace('+', '-').replace('/', '_').replaceFirst("sha256_", "sha256/")));
    }

    @Test
    void nameNotFoundComesFromTheResolverSeamWithoutAnyOutsideQuery() {
        List<String> asked = new CopyOnWriteArrayList<>();
        ConsoleClient client = new ConsoleClient(ConsoleClient.Network.DIRECT.withResolver(h -> {
            asked.add(h);
            throw new UnknownHostException(h);
        }), Clock.systemUTC());
        ConsoleException ex = assertThrows(ConsoleException.class,
                () -> client.enroll(URI.create("https://console.vigie.invalid"), "CODE", device, null, null));
        assertEquals(Kind.NAME_NOT_FOUND, ex.kind());
        assertEquals(List.of("console.vigie.invalid"), asked);
        assertTrue(ex.message(Lang.FR).contains("« console.vigie.invalid » est introuvable"), ex.message(Lang.FR));
        assertTrue(ex.message(Lang.EN).contains("cannot be found"), ex.message(Lang.EN));
    }

    /** A CONNECT-only proxy on loopback that records the tunnels it opened. */
    static final class ConnectProxy implements AutoCloseable {
        final ServerSocket socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        final List<String> tunnels = new CopyOnWriteArrayList<>();

        ConnectProxy() throws IOException {
            Thread t = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket client = socket.accept();
                        Thread h = new Thread(() -> handle(client));
                        h.setDaemon(true);
                        h.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        }

        void handle(Socket client) {
            try (client) {
                InputStream in = client.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    int c = in.read();
                    if (c < 0) {
                        return;
                    }
                    head.append((char) c);
                }
                String[] line = head.toString().split("\r\n")[0].split(" ");
                if (!line[0].equals("CONNECT")) {
                    client.getOutputStream().write("HTTP/1.1 405 Method Not Allowed\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    return;
                }
                tunnels.add(line[1]);
                String[] hp = line[1].split(":");
                if (!hp[0].equals("127.0.0.1")) { // loopback only
                    client.getOutputStream().write("HTTP/1.1 403 Forbidden\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    return;
                }
                try (Socket target = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(hp[1]))) {
                    client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    Thread up = new Thread(() -> pipe(in, target));
                    up.setDaemon(true);
                    up.start();
                    pipe(target.getInputStream(), client);
                }
            } catch (IOException e) {
                // tunnel closed
            }
        }

        static void pipe(InputStream from, Socket to) {
            byte[] b = new byte[8192];
            try {
                for (int n; (n = from.read(b)) > 0; ) {
                    to.getOutputStream().write(b, 0, n);
                }
                to.shutdownOutput();
            } catch (IOException e) {
                // closed
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void theHttpsProxyTunnelsAndThePinStillHoldsEndToEnd() throws Exception {
        try (ConnectProxy proxy = new ConnectProxy()) {
            InetSocketAddress at = ProxySetting.select(null, Map.of("HTTPS_PROXY", "http://127.0.0.1:" + proxy.port()), url)
                    .orElseThrow();
            ConsoleClient client = new ConsoleClient(ConsoleClient.Network.DIRECT.withProxy(at).withResolver(h -> {
                throw new AssertionError("through a proxy the agent does not resolve the console's name");
            }), Clock.systemUTC());
            KeyPin pin = KeyPin.of(cert.getPublicKey());
            Enrollment e = client.enroll(url, "CODE", device, null, null, pin);
            client.send(e, report());
            assertEquals(List.of("127.0.0.1:" + url.getPort()), proxy.tunnels.stream().distinct().toList());
            assertEquals(2, requests.get());

            KeyPin other = KeyPin.of(KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic());
            ConsoleException ex = assertThrows(ConsoleException.class, () -> client.enroll(url, "CODE", device, null, null, other));
            assertEquals(Kind.KEY_MISMATCH, ex.kind(), "the proxy cannot stand in for the console");
        }
    }

    @Test
    void proxySettingsFromOptionOrEnvironment() {
        URI console = URI.create("https://console.example.fr");
        assertEquals(new InetSocketAddress("127.0.0.1", 8080),
                ProxySetting.select("127.0.0.1:8080", Map.of(), console).orElseThrow());
        assertEquals(3128, ProxySetting.select(null, Map.of("https_proxy", "http://127.0.0.1"), console).orElseThrow().getPort());
        assertTrue(ProxySetting.select(null, Map.of("HTTPS_PROXY", "127.0.0.1:1", "NO_PROXY", "localhost,.example.fr"), console).isEmpty());
        assertTrue(ProxySetting.select(null, Map.of(), console).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> ProxySetting.select("http://user:pw@127.0.0.1:3128", Map.of(), console));
    }
}
