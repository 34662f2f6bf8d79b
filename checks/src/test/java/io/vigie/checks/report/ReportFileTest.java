package io.vigie.checks.report;

import io.vigie.checks.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportFileTest {

    final UUID device = UUID.fromString("3f0c7a52-6d1e-4a3b-9c2d-0e1f2a3b4c5d");
    final String report = "{\"reportId\":\"x\",\"hostname\":\"pc-1\"}";

    @Test
    void aSignedFileVerifiesWithTheDeviceKeyOnly() {
        byte[] key = ReportFile.deviceKey("the-secret");
        ReportFile.Envelope e = ReportFile.parse(ReportFile.signed(device, report, key).getBytes(StandardCharsets.UTF_8));
        assertTrue(e.signed());
        assertEquals(report, e.report());
        assertTrue(ReportFile.signatureMatches(e, key));
        assertFalse(ReportFile.signatureMatches(e, ReportFile.deviceKey("another-secret")));
        // an edited report: the signature no longer matches
        String edited = ReportFile.signed(device, report, key).replace("pc-1", "pc-2");
        assertFalse(ReportFile.signatureMatches(ReportFile.parse(edited.getBytes(StandardCharsets.UTF_8)), key));
        // a checksum-only file is never "signed"
        ReportFile.Envelope c = ReportFile.parse(ReportFile.checksummed(device, report).getBytes(StandardCharsets.UTF_8));
        assertFalse(ReportFile.signatureMatches(c, key));
    }

    @Test
    void theKeyIsTheSha256OfTheSecretAsTheConsoleStoresIt() {
        // SHA-256("abc"), the FIPS 180-2 test vector
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                java.util.HexFormat.of().formatHex(ReportFile.deviceKey("abc")));
    }

    @Test
    void aChecksumCatchesDamageAndTruncation() {
        String file = ReportFile.checksummed(device, report);
        assertTrue(ReportFile.checksumMatches(ReportFile.parse(file.getBytes(StandardCharsets.UTF_8))));
        assertFalse(ReportFile.checksumMatches(ReportFile.parse(file.replace("pc-1", "pc-9").getBytes(StandardCharsets.UTF_8))));
        byte[] truncated = file.substring(0, file.length() / 2).getBytes(StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class, () -> ReportFile.parse(truncated));
        assertThrows(IllegalArgumentException.class, () -> ReportFile.parse("{\"format\":\"other\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void deliveryIsOptionalAndOmittedWhenNull() throws Exception {
        Report r = new Report(1, UUID.randomUUID(), device, "pc", "linux", "0.1", "1", Instant.EPOCH, Instant.EPOCH,
                Map.of(), List.of(), null);
        String json = Json.mapper().writeValueAsString(r);
        assertFalse(json.contains("delivery"), json);
        assertNull(Json.mapper().readValue(json, Report.class).delivery());
        Report withGap = r.withDelivery(new Delivery(3, Instant.parse("2026-01-01T00:00:00Z"), null));
        Report back = Json.mapper().readValue(Json.mapper().writeValueAsString(withGap), Report.class);
        assertEquals(3, back.delivery().droppedBefore());
        assertNull(back.delivery().droppedTo());
    }
}
