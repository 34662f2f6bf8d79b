package io.vigie.checks.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GradeFormatTest {

    @Test
    void halfCasesRoundUpDespiteTheirBinaryValue() {
        // 1.35 is stored as 1.350000000000000088…, 2.45 as 2.4500000000000001776…, 1.25 and 0.05 as 1.25 exactly and
        // 0.05000000000000000277…: HALF_UP on the decimal they stand for gives 1,4 / 2,5 / 1,3 / 0,1 in every case
        assertEquals("1,3", GradeFormat.format(1.25, Lang.FR));
        assertEquals("1.3", GradeFormat.format(1.25, Lang.EN));
        assertEquals("1,4", GradeFormat.format(1.35, Lang.FR));
        assertEquals("0,1", GradeFormat.format(0.05, Lang.FR));
        assertEquals("2,5", GradeFormat.format(2.45, Lang.FR));
        assertEquals("2.5", GradeFormat.format(2.45, Lang.EN));
        assertEquals("1,2", GradeFormat.format(1.15, Lang.FR)); // binary 1.149999…, read as 1.15: HALF_UP → 1,2
        // the report's old NumberFormat (HALF_EVEN) printed 1,2 where the pages printed 1,3: the two modes
        java.text.NumberFormat old = java.text.NumberFormat.getNumberInstance(java.util.Locale.FRANCE);
        old.setMaximumFractionDigits(1);
        assertEquals("1,2", old.format(1.25));
    }

    @Test
    void computedHalvesAreReadAsTheExactValue() {
        // 0.35 × 3 is mathematically 1.05 but computes to 1.0499999999999998: still 1,1
        double g = 0.35 * 3;
        assertEquals(1.0499999999999998, g);
        assertEquals("1,1", GradeFormat.format(g, Lang.FR));
        // a theme at 5/3 × 1.5/2 = 1.25 the same
        assertEquals("1,3", GradeFormat.format(5.0 / 3.0 * 1.5 / 2, Lang.FR));
    }

    @Test
    void ordinaryValues() {
        assertEquals("0,0", GradeFormat.format(0, Lang.FR));
        assertEquals("0.0", GradeFormat.format(-0.0, Lang.EN));
        assertEquals("5,0", GradeFormat.format(5, Lang.FR));
        assertEquals("1,7", GradeFormat.format(5.0 / 3.0, Lang.FR));
        assertEquals("1,2", GradeFormat.format(1.24, Lang.FR));
        assertEquals("3,3", GradeFormat.format(10.0 / 3.0, Lang.FR));
        assertThrows(IllegalArgumentException.class, () -> GradeFormat.format(Double.NaN, Lang.FR));
    }
}
