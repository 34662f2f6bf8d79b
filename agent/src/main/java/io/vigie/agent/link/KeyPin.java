package io.vigie.agent.link;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Locale;

/**
 * A console's public key pin, {@code sha256/<base64 of SHA-256(SubjectPublicKeyInfo)>} (the form of HPKP and
 * curl's {@code --pinnedpubkey}), for self-signed on-premises consoles. A pinned connection is trusted when, and
 * only when, the server's own certificate carries that key: no certificate authority, name or date is consulted
 * (the key is the identity), so a renewed certificate with the same key keeps working. Never trust-all: a
 * different key is refused with {@link Mismatch}.
 */
public final class KeyPin {

    private final String text;
    private final byte[] digest;

    private KeyPin(String text, byte[] digest) {
        this.text = text;
        this.digest = digest;
    }

    /** Parses {@code sha256/<base64>} (standard or URL-safe base64). */
    public static KeyPin parse(String pin) {
        String p = pin == null ? "" : pin.trim();
        if (!p.toLowerCase(Locale.ROOT).startsWith("sha256/")) {
            throw new IllegalArgumentException("a key pin is sha256/<base64>, not: " + pin);
        }
        String b64 = p.substring(7).replace('-', '+').replace('_', '/');
        byte[] d;
        try {
            d = Base64.getDecoder().decode(b64 + "==".substring(0, (4 - b64.length() % 4) % 4));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a key pin is sha256/<base64>, not: " + pin);
        }
        if (d.length != 32) {
            throw new IllegalArgumentException("a sha256 key pin holds 32 bytes, this one " + d.length + ": " + pin);
        }
        return new KeyPin("sha256/" + Base64.getEncoder().encodeToString(d), d);
    }

    /** The pin of a public key. */
    public static KeyPin of(PublicKey key) {
        byte[] d = sha256(key.getEncoded());
        return new KeyPin("sha256/" + Base64.getEncoder().encodeToString(d), d);
    }

    public boolean matches(PublicKey key) {
        return MessageDigest.isEqual(digest, sha256(key.getEncoded()));
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyPin k && MessageDigest.isEqual(digest, k.digest);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** A TLS context trusting exactly this key. */
    public SSLContext sslContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new javax.net.ssl.TrustManager[] {new Trust()}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server presented another key than the pinned one. */
    public static final class Mismatch extends CertificateException {
        private final String presented;

        Mismatch(String expected, String presented) {
            super("the console's public key is " + presented + ", expected " + expected);
            this.presented = presented;
        }

        public String presented() {
            return presented;
        }
    }

    private final class Trust extends X509ExtendedTrustManager {
        private void check(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("no server certificate");
            }
            if (!matches(chain[0].getPublicKey())) {
                throw new Mismatch(text, of(chain[0].getPublicKey()).toString());
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
