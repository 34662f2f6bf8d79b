package io.vigie.checks.eol;

import io.vigie.checks.fact.OsIdentity;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.checks.json.Json;

import java.io.InputStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EolCatalogueTest {

    private static final LocalDate NOV_22_2026 = LocalDate.of(2026, 11, 22);
    private final EolCatalogue eol = EolCatalogue.load();

    private static OsIdentity windows(String build, String edition, String editionClass, Boolean esu) {
        return new OsIdentity("windows", "windows", "Windows", null, build, edition, editionClass, build, "x86_64", esu);
    }

    private static OsIdentity server(String build, Boolean esu) {
        return new OsIdentity("windows", "windows-server", "Windows Server", null, build, "ServerStandard", "SERVER",
                build, "x86_64", esu);
    }

    private static OsIdentity linux(String id, String version, Boolean ext) {
        return new OsIdentity("linux", id, id + " " + version, version, "6.1.0", null, null, "6.1.0", "x86_64", ext);
    }

    private static OsIdentity macos(String version) {
        return new OsIdentity("macos", "macos", "macOS " + version, version, "24B83", null, null, "24.1.0", "arm64", null);
    }

    private SupportLevel level(OsIdentity os, LocalDate day) {
        return eol.assess(os, day).orElseThrow(() -> new AssertionError("not in catalogue: " + os)).level();
    }

    @Test
    void dataFileHasVersionSourceAndSnapshotDate() {
        assertEquals("2026.08.22", eol.version());
        assertTrue(eol.source().contains("endoflife.date"));
        assertEquals(LocalDate.of(2026, 8, 22), eol.snapshotDate());
        for (EolEntry e : eol.entries()) {
            assertTrue(e.label() != null && !e.label().isBlank(), e.cycle());
            if (e.extendedEnd() != null) {
                assertTrue(e.securityEnd() != null && !e.extendedEnd().isBefore(e.securityEnd()), e.cycle());
            }
        }
    }

    @Test
    void everyProductSaysWhenItWasVerifiedAndItsReleaseCadence() throws Exception {
        JsonNode root;
        try (InputStream in = EolCatalogue.class.getResourceAsStream(EolCatalogue.RESOURCE)) {
            root = Json.mapper().readTree(in);
        }
        for (JsonNode p : root.get("products")) {
            String id = p.get("product").asText();
            assertTrue(p.hasNonNull("verified") && p.get("verified").asText().matches("\\d{4}-\\d{2}-\\d{2}"),
                    id + ": verified");
            LocalDate verified = LocalDate.parse(p.get("verified").asText());
            assertFalse(verified.isAfter(LocalDate.of(2026, 12, 31)), id + ": verified in the future");
            assertTrue(p.hasNonNull("cadenceMonths") && p.get("cadenceMonths").asInt() >= 1, id + ": cadenceMonths");
            assertTrue(p.hasNonNull("cadenceSource") && p.get("cadenceSource").asText().length() > 20,
                    id + ": cadenceSource names where the cadence comes from");
            EolCatalogue.Freshness f = eol.freshness(id);
            assertEquals(verified, f.verified(), id);
            assertTrue(f.staleAfter().isAfter(verified), id);
            assertFalse(f.staleAfter().isAfter(verified.plusMonths(f.cadenceMonths())), id);
        }
    }

    @Test
    void dataGoesStaleAtTheNextExpectedRelease() {
        // macOS ships yearly; the newest major in the data (26) came out 2025-09-15, so the next was due 2026-09-15
        EolCatalogue.Freshness mac = eol.freshness("macos");
        assertEquals(LocalDate.of(2026, 9, 15), mac.staleAfter());
        assertFalse(mac.isStale(LocalDate.of(2026, 9, 15)));
        assertTrue(mac.isStale(LocalDate.of(2026, 9, 16)));
        // no release dates for Windows: verified + one cadence (12 months)
        assertEquals(LocalDate.of(2027, 8, 22), eol.freshness("windows").staleAfter());
    }

    @Test
    void aProductWithoutVerifiedDateOrCadenceIsRefused() {
        String noCadence = "{\"version\":\"1\",\"source\":\"endoflife.date test\",\"snapshotDate\":\"2026-08-22\","
                + "\"products\":[{\"product\":\"debian\",\"match\":\"major\",\"verified\":\"2026-08-22\","
                + "\"cycles\":[{\"cycle\":\"13\",\"label\":\"Debian 13\",\"securityEnd\":\"2028-08-09\"}]}]}";
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EolCatalogue.load(new ByteArrayInputStream(noCadence.getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("cadenceMonths"), e.getMessage());
    }

    @Test
    void windows10Esu() {
        assertEquals(SupportLevel.EOL, level(windows("10.0.19045.6456", "Professional", "HOME_PRO", false), NOV_22_2026));
        assertEquals(SupportLevel.EXTENDED_PAID, level(windows("10.0.19045.6456", "Professional", "HOME_PRO", true), NOV_22_2026));
        // ESU not checked: the catalogue does not count it
        assertEquals(SupportLevel.EOL, level(windows("10.0.19045.6456", "Professional", "HOME_PRO", null), NOV_22_2026));
        assertEquals(SupportLevel.SUPPORTED, level(windows("10.0.19045.6456", "Professional", "HOME_PRO", false),
                LocalDate.of(2025, 10, 14)));
        assertEquals(SupportLevel.EOL, level(windows("10.0.19045.6456", "Enterprise", "ENTERPRISE_EDU", true),
                LocalDate.of(2028, 10, 11)));
    }

    @Test
    void windows11ByEditionClass() {
        assertEquals(SupportLevel.EOL, level(windows("10.0.22631.4317", "Professional", "HOME_PRO", false), NOV_22_2026));
        OsIdentity ent = windows("10.0.22631.4317", "Enterprise", "ENTERPRISE_EDU", false);
        assertEquals(SupportLevel.SUPPORTED, level(ent, LocalDate.of(2026, 11, 10)));
        assertEquals(SupportLevel.EOL, level(ent, LocalDate.of(2026, 11, 11)));
        assertEquals(SupportLevel.EOL, level(windows("10.0.26100.2314", "Core", "HOME_PRO", false), NOV_22_2026));
        assertEquals(SupportLevel.SUPPORTED, level(windows("10.0.26100.2314", "Enterprise", "ENTERPRISE_EDU", false), NOV_22_2026));
        assertEquals(SupportLevel.SUPPORTED, level(windows("10.0.26200.7000", "Professional", "HOME_PRO", false), NOV_22_2026));
        assertEquals(LocalDate.of(2029, 10, 9),
                eol.find(windows("10.0.26100.2314", "EnterpriseS", "LTSC", null)).orElseThrow().securityEnd());
        assertEquals(LocalDate.of(2027, 1, 12),
                eol.find(windows("10.0.19044.5011", "EnterpriseS", "LTSC", null)).orElseThrow().securityEnd());
    }

    @Test
    void editionClassIsDerivedFromTheEditionIdWhenMissing() {
        assertEquals("11-23H2-ENTERPRISE_EDU", eol.find(windows("10.0.22631.4317", "Education", null, null)).orElseThrow().cycle());
        assertEquals("11-LTSC-2024", eol.find(windows("10.0.26100.1", "EnterpriseS", null, null)).orElseThrow().cycle());
        assertEquals("11-24H2-HOME_PRO", eol.find(windows("10.0.26100.1", "Core", null, null)).orElseThrow().cycle());
        // no edition at all: dates differ between editions, so no answer rather than a guess
        assertEquals(Optional.empty(), eol.find(windows("10.0.22631.4317", null, null, null)));
        // ... unless every general edition ends the same day
        assertEquals(LocalDate.of(2022, 12, 13), eol.find(windows("10.0.19043.2364", null, null, null)).orElseThrow().securityEnd());
    }

    @Test
    void windowsBuildNumberParsing() {
        assertEquals(22631, EolCatalogue.windowsBuild("10.0.22631.4317"));
        assertEquals(9600, EolCatalogue.windowsBuild("6.3.9600"));
        assertEquals(22631, EolCatalogue.windowsBuild("22631.4317"));
        assertEquals(26100, EolCatalogue.windowsBuild("26100"));
        assertNull(EolCatalogue.windowsBuild("23H2"));
        assertNull(EolCatalogue.windowsBuild(null));
        OsIdentity versionOnly = new OsIdentity("windows", "windows", "Windows 11", "10.0.26200.6899", null,
                "Professional", "HOME_PRO", null, null, null);
        assertEquals("11-25H2-HOME_PRO", eol.find(versionOnly).orElseThrow().cycle());
    }

    @Test
    void windowsServer() {
        assertEquals(SupportLevel.EXTENDED_PAID, level(server("6.3.9600", true), LocalDate.of(2026, 10, 13)));
        assertEquals(SupportLevel.EOL, level(server("6.3.9600", true), LocalDate.of(2026, 10, 14)));
        assertEquals(SupportLevel.EOL, level(server("6.3.9600", false), LocalDate.of(2025, 1, 1)));
        assertEquals(SupportLevel.SUPPORTED, level(server("10.0.14393.7428", null), NOV_22_2026));
        assertEquals(SupportLevel.EOL, level(server("10.0.14393.7428", null), LocalDate.of(2027, 1, 13)));
        assertEquals(LocalDate.of(2034, 11, 14), eol.find(server("10.0.26100.2314", null)).orElseThrow().securityEnd());
        // the same build on a client is Windows 11, not Server 2025
        assertEquals("11-24H2-HOME_PRO", eol.find(windows("10.0.26100.2314", "Professional", "HOME_PRO", null)).orElseThrow().cycle());
        // editionClass SERVER with productId windows still finds the server cycle
        OsIdentity s = new OsIdentity("windows", "windows", "Windows Server 2019", null, "10.0.17763.6414",
                "ServerStandard", "SERVER", null, null, null);
        assertEquals("2019", eol.find(s).orElseThrow().cycle());
    }

    @Test
    void debianLtsIsExtendedFree() {
        assertEquals(SupportLevel.EXTENDED_FREE, level(linux("debian", "12", null), NOV_22_2026));
        assertEquals(SupportLevel.SUPPORTED, level(linux("debian", "13", null), NOV_22_2026));
        assertEquals(SupportLevel.EOL, level(linux("debian", "11", null), NOV_22_2026));
        assertEquals(SupportLevel.EXTENDED_FREE, level(linux("debian", "11", null), LocalDate.of(2026, 8, 31)));
        assertEquals(SupportLevel.SUPPORTED, level(linux("debian", "12.7", null), LocalDate.of(2026, 7, 11)));
        assertEquals(LocalDate.of(2028, 6, 30), eol.assess(linux("debian", "12", null), NOV_22_2026).orElseThrow().effectiveEnd());
    }

    @Test
    void ubuntuEsmIsExtendedPaid() {
        assertEquals(SupportLevel.SUPPORTED, level(linux("ubuntu", "22.04", null), NOV_22_2026));
        assertEquals(SupportLevel.EOL, level(linux("ubuntu", "20.04", false), NOV_22_2026));
        assertEquals(SupportLevel.EXTENDED_PAID, level(linux("ubuntu", "20.04", true), NOV_22_2026));
        assertEquals("24.04", eol.find(linux("ubuntu", "24.04.1 LTS", null)).orElseThrow().cycle());
        assertEquals(Optional.empty(), eol.find(linux("ubuntu", "24.10", null)));
    }

    @Test
    void rhelFamilyByMajor() {
        assertEquals(SupportLevel.SUPPORTED, level(linux("rocky", "9.4", null), NOV_22_2026));
        assertEquals(SupportLevel.SUPPORTED, level(linux("almalinux", "8.10", null), NOV_22_2026));
        assertEquals(SupportLevel.EOL, level(linux("rhel", "8.10", null), LocalDate.of(2029, 6, 1)));
        assertEquals(Optional.empty(), eol.find(linux("rhel", "7.9", null)));
        assertEquals(Optional.empty(), eol.find(linux("arch", "rolling", null)));
    }

    @Test
    void macosLatestThreeMajors() {
        // 13 Ventura ends when 26 Tahoe (three majors later) is released
        assertEquals(SupportLevel.SUPPORTED, level(macos("13.7.1"), LocalDate.of(2025, 9, 15)));
        assertEquals(SupportLevel.EOL, level(macos("13.7.1"), LocalDate.of(2025, 9, 16)));
        assertEquals(LocalDate.of(2022, 10, 24), eol.find(macos("10.15.7")).orElseThrow().securityEnd());
        assertEquals(SupportLevel.EOL, level(macos("12.7"), NOV_22_2026));
        // successors not yet released (or not yet in the data): no known end
        assertNull(eol.find(macos("15.1")).orElseThrow().securityEnd());
        assertEquals(SupportLevel.SUPPORTED, level(macos("26.1"), NOV_22_2026));
        assertEquals(Optional.empty(), eol.find(macos("27.0")));
    }
}
