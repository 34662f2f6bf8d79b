package io.vigie.console.server;

import io.vigie.console.TestDatabases;
import io.vigie.console.api.ConsoleFixture;
import io.vigie.console.config.ConsoleConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TlsTest {

    @TempDir
    Path tmp;

    private ConsoleConfig config(String host, String publicUrl) {
        ConsoleConfig c = ConsoleFixture.config(TestDatabases.create(TestDatabases.Backend.SQLITE, tmp).url(), tmp);
        return new ConsoleConfig(host, 0, 1, tmp, c.databaseUrl(), null, null, 2, null, null, publicUrl, false, c.limits());
    }

    @Test
    void loopbackServesPlainHttpAndOnlyLoopback() {
        assertTrue(Tls.loopback("127.0.0.1"));
        assertTrue(Tls.loopback("::1"));
        assertTrue(Tls.loopback("localhost"));
        assertFalse(Tls.loopback("0.0.0.0"));
        assertFalse(Tls.loopback("192.168.1.10"));
        assertFalse(Tls.loopback("console.example"));
        ConsoleConfig c = config("127.0.0.1", "http://127.0.0.1:8080");
        assertSame(c, Tls.prepare(c));
    }

    @Test
    void plainHttpOnANetworkAddressIsRefusedWithAClearMessage() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Tls.prepare(config("0.0.0.0", "http://console.example:8443")));
        assertTrue(e.getMessage().contains("plain HTTP is refused on a network address"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("tls")));
    }

    @Test
    void aNetworkAddressWithoutPemFilesGetsASelfSignedCertificateKeptAcrossStarts() throws Exception {
        ConsoleConfig first = Tls.prepare(config("0.0.0.0", null));
        assertTrue(first.tls());
        assertEquals(tmp.resolve("tls").resolve(Tls.CERT_FILE), first.tlsCert());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first.tlsKey())));
        byte[] pin = Tls.publicKeySha256(first.tlsCert());
        assertArrayEquals(pin, Tls.publicKeySha256(Tls.prepare(config("0.0.0.0", null)).tlsCert()), "reused");

        // a console on all addresses, reached on loopback over HTTPS; the key it presents is the pinned one
        try (ConsoleServer server = ConsoleServer.start(config("0.0.0.0", null), Clock.systemUTC())) {
            assertTrue(server.localUrl().startsWith("https://127.0.0.1:"));
            X509Certificate cert;
            try (InputStream in = Files.newInputStream(first.tlsCert())) {
                cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            ks.setCertificateEntry("vigie", cert);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            HttpResponse<String> r = HttpClient.newBuilder().sslContext(ssl).build()
                    .send(HttpRequest.newBuilder(URI.create(server.localUrl() + "/health")).build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            SSLSession session = r.sslSession().orElseThrow();
            byte[] presented = MessageDigest.getInstance("SHA-256")
                    .digest(session.getPeerCertificates()[0].getPublicKey().getEncoded());
            assertArrayEquals(pin, presented);
            assertTrue(r.headers().firstValue("strict-transport-security").isPresent());
            HttpResponse<String> login = HttpClient.newBuilder().sslContext(ssl).build()
                    .send(HttpRequest.newBuilder(URI.create(server.localUrl() + "/login")).build(),
                            HttpResponse.BodyHandlers.ofString());
            String cookie = login.headers().allValues("set-cookie").stream().filter(h -> h.startsWith("vigie_csrf="))
                    .findFirst().orElseThrow();
            assertTrue(cookie.contains("Secure"), "cookies are Secure under TLS: " + cookie);
        }
    }
}
