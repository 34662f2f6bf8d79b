package io.vigie.checks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigie.checks.json.Json;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A report written to a file ({@code vigie check --out FILE}) for a console to import, wrapped in an envelope
 * that lets the console tell whether the file was changed:
 * <pre>
 * {"format": "vigie-report-file", "version": 1, "deviceId": "…", "algorithm": "HMAC-SHA256" | "SHA-256",
 *  "report": "&lt;the report JSON, as text&gt;", "signature": "&lt;hex&gt;"}
 * </pre>
 * <ul>
 *   <li>{@code HMAC-SHA256} (an enrolled agent): the signature is HMAC-SHA256 over {@link #signedBytes}, keyed
 *       with the 32 bytes of SHA-256(device secret). The console keeps exactly that hash (never the secret), so
 *       it can check the signature; anyone without the device secret (or the console's database) cannot forge
 *       it. The file is "authenticated".</li>
 *   <li>{@code SHA-256} (an agent never enrolled): the "signature" is a plain SHA-256 checksum of the same bytes.
 *       It catches a truncated or damaged file, not a deliberate edit: the console marks such an import
 *       "non authentifié".</li>
 * </ul>
 * The report is carried as text so the signed bytes are exactly the bytes written (no JSON canonicalisation).
 * Pure computation; no I/O.
 */
public final class ReportFile {

    public static final String FORMAT = "vigie-report-file";
    public static final int VERSION = 1;
    public static final String HMAC = "HMAC-SHA256";
    public static final String CHECKSUM = "SHA-256";

    /** A parsed envelope, not yet verified. */
    public record Envelope(UUID deviceId, String algorithm, String report, String signature) {

        public boolean signed() {
            return HMAC.equals(algorithm);
        }
    }

    private ReportFile() {
    }

    /** The bytes the signature or checksum covers: format, version, device id and the report text. */
    public static byte[] signedBytes(UUID deviceId, String reportJson) {
        return (FORMAT + "/" + VERSION + "\n" + deviceId + "\n" + reportJson).getBytes(StandardCharsets.UTF_8);
    }

    /** The HMAC key of a device: SHA-256 of its secret (what the console stores, hex-encoded). */
    public static byte[] deviceKey(String deviceSecret) {
        return sha256(deviceSecret.getBytes(StandardCharsets.UTF_8));
    }

    /** An envelope signed with the device key (an enrolled agent). */
    public static String signed(UUID deviceId, String reportJson, byte[] deviceKey) {
        return write(deviceId, HMAC, reportJson, HexFormat.of().formatHex(hmac(deviceKey, signedBytes(deviceId, reportJson))));
    }

    /** An envelope with a checksum only (an agent never enrolled). */
    public static String checksummed(UUID deviceId, String reportJson) {
        return write(deviceId, CHECKSUM, reportJson, HexFormat.of().formatHex(sha256(signedBytes(deviceId, reportJson))));
    }

    private static String write(UUID deviceId, String algorithm, String reportJson, String signature) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("format", FORMAT);
        o.put("version", VERSION);
        o.put("deviceId", deviceId.toString());
        o.put("algorithm", algorithm);
        o.put("report", reportJson);
        o.put("signature", signature);
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads an envelope (not yet verified).
     *
     * @throws IllegalArgumentException not a Vigie report file, or a damaged one (the message says why)
     */
    public static Envelope parse(byte[] file) {
        JsonNode o;
        try {
            o = Json.mapper().readTree(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON (damaged or truncated file?)");
        }
        if (o == null || !o.isObject() || !FORMAT.equals(o.path("format").asText(null))) {
            throw new IllegalArgumentException("not a Vigie report file (format '" + FORMAT + "' expected)");
        }
        if (o.path("version").asInt(-1) != VERSION) {
            throw new IllegalArgumentException("unsupported report file version " + o.path("version"));
        }
        String algorithm = o.path("algorithm").asText("");
        if (!HMAC.equals(algorithm) && !CHECKSUM.equals(algorithm)) {
            throw new IllegalArgumentException("unknown algorithm '" + algorithm + "'");
        }
        UUID deviceId;
        try {
            deviceId = UUID.fromString(o.path("deviceId").asText(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("no device id");
        }
        JsonNode report = o.get("report");
        String signature = o.path("signature").asText("");
        if (report == null || !report.isTextual() || !signature.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("no report or no signature");
        }
        return new Envelope(deviceId, algorithm, report.asText(), signature.toLowerCase(Locale.ROOT));
    }

    /** Whether a checksum-only envelope is intact. */
    public static boolean checksumMatches(Envelope e) {
        return MessageDigest.isEqual(sha256(signedBytes(e.deviceId(), e.report())), HexFormat.of().parseHex(e.signature()));
    }

    /** Whether a signed envelope was signed with this device key (constant-time comparison). */
    public static boolean signatureMatches(Envelope e, byte[] deviceKey) {
        Objects.requireNonNull(deviceKey);
        return HMAC.equals(e.algorithm()) && MessageDigest.isEqual(hmac(deviceKey, signedBytes(e.deviceId(), e.report())),
                HexFormat.of().parseHex(e.signature()));
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
