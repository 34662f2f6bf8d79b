package io.vigie.agent.collect.macos;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What fuzzing found in the macOS parsers (issue 14), as plain regression tests beside the crash inputs kept in
 * {@code MacParsersFuzzTestInputs/}.
 */
class MacFuzzFindingsTest {

    /** A name shaped like a backup stamp but with no real date (month 31) threw DateTimeParseException. */
    @Test
    void aBackupStampThatIsNoDateIsSkipped() {
        assertNull(TimeMachine.parseLatest("/Volumes/B/2026-31-15-214530.backup\n", ZoneOffset.UTC));
        assertEquals(Instant.parse("2026-11-19T10:15:32Z"), TimeMachine.parseLatest(
                "/Volumes/B/2026-31-15-214530.backup\n/Volumes/B/2026-11-19-101532.backup\n", ZoneOffset.UTC));
    }

    /** A {@code <date>} holding no date threw DateTimeParseException; a damaged plist is refused with the parser's own exception. */
    @Test
    void aPlistDateThatIsNoDateIsADamagedPlist() {
        String plist = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\"><dict><key>d</key>"
                + "<date>2026-91-19T04:12:30Z</date></dict></plist>";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Plist.parseXml(plist));
        assertEquals(IllegalArgumentException.class, e.getClass());
    }

    /** A conversion percentage too long for an int threw NumberFormatException out of the parser. */
    @Test
    void anUnreadableConversionPercentageStaysUnknown() {
        io.vigie.checks.fact.Volume v = FdeSetup.parse("FileVault is On.\nEncryption in progress: Percent completed = 55555555555555555555537\n");
        org.junit.jupiter.api.Assertions.assertNotNull(v);
        assertNull(v.percent());
        org.junit.jupiter.api.Assertions.assertEquals(Boolean.FALSE, v.encrypted(), "converting is not yet encrypted");
    }
}
