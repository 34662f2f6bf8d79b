package io.vigie.checks.testing;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequiredServiceTest {

    @Test
    void aPresentServiceLetsTheTestRun() {
        RequiredService.require(true, "never said");
    }

    @Test
    void anAbsentServiceSkipsWithItsReasonLocallyAndFailsUnderCi() {
        Throwable t = assertThrows(Throwable.class,
                () -> RequiredService.require(false, "frobnicator absent: apt-get install frobnicator"));
        assertEquals(expected(), t.getClass());
        assertTrue(t.getMessage().contains("frobnicator absent: apt-get install frobnicator"), t.getMessage());
    }

    @Test
    void programsAreFoundOnThePathOrByAbsolutePath() {
        var sh = RequiredService.find("sh").orElseThrow();
        assertTrue(Files.isExecutable(sh), sh.toString());
        assertEquals(sh, RequiredService.find(sh.toString()).orElseThrow());
        assertTrue(RequiredService.find("vigie-no-such-program").isEmpty());
        assertTrue(RequiredService.find("/nonexistent/sh").isEmpty());
        Throwable t = assertThrows(Throwable.class, () -> RequiredService.programs("vigie-nothing", "sh", "vigie-no-such-program"));
        assertEquals(expected(), t.getClass());
        assertTrue(t.getMessage().contains("vigie-nothing absent (vigie-no-such-program not found on PATH="), t.getMessage());
    }

    /** A skip locally, a failure under CI=true. */
    static Class<?> expected() {
        return RequiredService.underCi() ? AssertionFailedError.class : TestAbortedException.class;
    }
}
