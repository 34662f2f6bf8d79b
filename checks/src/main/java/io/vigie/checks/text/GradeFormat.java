package io.vigie.checks.text;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The one way a grade (0–5, or an answer value 0–3) is printed, on every page and in the report: one decimal,
 * French « 1,3 », English "1.3".
 *
 * <p>Rounding: the double is first read as the decimal it stands for ({@link BigDecimal#valueOf(double)}, the
 * shortest decimal that gives back the same double) and cut to 12 significant digits, which removes the
 * floating-point noise of the grade's computation (0.35 × 3 = 1.0499999999999998 is read as 1.05) while staying
 * far below the printed precision; it is then rounded to one decimal HALF_UP (1.25 → 1,3; 1.35 → 1,4; 0.05 → 0,1;
 * 2.45 → 2,5). Formatting the raw double directly would print 1.35 as 1.3 (its binary value is 1.3499…) or, with
 * {@code NumberFormat}'s HALF_EVEN, 1.25 as 1.2.
 */
public final class GradeFormat {

    private static final MathContext NOISE = new MathContext(12, RoundingMode.HALF_UP);

    private GradeFormat() {
    }

    /** The value rounded to one decimal, HALF_UP on its decimal reading (see the class comment). */
    public static BigDecimal round(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a grade: " + value);
        }
        BigDecimal r = BigDecimal.valueOf(value).round(NOISE).setScale(1, RoundingMode.HALF_UP);
        return r.signum() == 0 ? r.abs() : r;
    }

    /** « 1,3 » in French, "1.3" in English. */
    public static String format(double value, Lang lang) {
        String s = round(value).toPlainString();
        return lang == Lang.EN ? s : s.replace('.', ',');
    }
}
