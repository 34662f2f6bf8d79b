package io.vigie.console.server;

import io.vigie.console.config.ConsoleConfig;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

/**
 * How the console serves: HTTPS with the operator's PEM files; plain HTTP only on a loopback address; otherwise
 * HTTPS with a self-signed certificate made on first start in {@code data.dir/tls/} (an EC P-256 key, valid ten
 * years, for single-instance use) and reused afterwards. Agents pin the certificate's public key: the SHA-256 of
 * its SubjectPublicKeyInfo (DER), logged at start in hex and in base64.
 */
public final class Tls {

    public static final String CERT_FILE = "console-cert.pem";
    public static final String KEY_FILE = "console-key.pem";
    static final Duration VALIDITY = Duration.ofDays(3650);

    private Tls() {
    }

    /** The configuration to serve with: unchanged, or with the self-signed certificate's files. */
    public static ConsoleConfig prepare(ConsoleConfig c) {
        if (c.tlsCert() != null || c.tlsKey() != null) {
            if (c.tlsCert() == null || c.tlsKey() == null) {
                throw new IllegalStateException("tls.cert and tls.key go together: give both PEM files, or neither");
            }
            return c;
        }
        if (loopback(c.host())) {
            return c;
        }
        if (c.publicUrl() != null && c.publicUrl().regionMatches(true, 0, "http://", 0, 7)) {
            throw new IllegalStateException("plain HTTP is refused on a network address (" + c.host() + "): passwords and "
                    + "reports would cross the network unencrypted. Give tls.cert and tls.key (PEM), or remove the http:// "
                    + "public.url to use a self-signed certificate, or listen on 127.0.0.1 behind a TLS reverse proxy.");
        }
        Path dir = c.dataDir().resolve("tls");
        Path cert = dir.resolve(CERT_FILE);
        Path key = dir.resolve(KEY_FILE);
        if (!Files.exists(cert) || !Files.exists(key)) {
            generate(cert, key, c.host());
        }
        return new ConsoleConfig(c.host(), c.port(), c.httpInstances(), c.dataDir(), c.databaseUrl(), c.databaseUser(),
                c.databasePassword(), c.databasePoolSize(), cert, key, c.publicUrl(), c.accessLog(), c.limits());
    }

    /** True for 127.0.0.0/8, ::1 and {@code localhost}; a wildcard address (0.0.0.0, ::) is not loopback. */
    public static boolean loopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            return false; // a name other than localhost: not resolved here, treated as a network address
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Writes a new self-signed certificate and its key (mode 0600) as PEM. */
    static void generate(Path cert, Path key, String host) {
        try {
            Files.createDirectories(cert.getParent());
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair kp = g.generateKeyPair();
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=Vigie console");
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(128, new SecureRandom()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), name, kp.getPublic());
            List<GeneralName> names = new ArrayList<>(List.of(new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
            String local = InetAddress.getLocalHost().getHostName();
            if (local != null && !local.isBlank() && !local.equals("localhost")) {
                names.add(new GeneralName(GeneralName.dNSName, local));
            }
            if (host != null && !host.isBlank() && !host.equals("0.0.0.0") && !host.equals("::")) {
                names.add(new GeneralName(host.matches("[0-9.]+|.*:.*") ? GeneralName.iPAddress : GeneralName.dNSName, host));
            }
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            X509Certificate x = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
            Path tmpKey = key.resolveSibling(key.getFileName() + ".tmp");
            Files.deleteIfExists(tmpKey);
            try {
                Files.createFile(tmpKey, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmpKey);
            }
            Files.writeString(tmpKey, pem("PRIVATE KEY", kp.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(cert, pem("CERTIFICATE", x.getEncoded()), StandardCharsets.US_ASCII);
            Files.move(tmpKey, key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the self-signed certificate in " + cert.getParent(), e);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("cannot make a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** SHA-256 of the SubjectPublicKeyInfo of the first certificate in a PEM file. */
    public static byte[] publicKeySha256(Path certPem) {
        try (InputStream in = Files.newInputStream(certPem)) {
            X509Certificate x = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return MessageDigest.getInstance("SHA-256").digest(x.getPublicKey().getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unreadable certificate " + certPem + ": " + e.getMessage(), e);
        }
    }

    public static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    public static String base64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
