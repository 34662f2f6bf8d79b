package io.vigie.checks.eol;

import java.time.LocalDate;

/**
 * The support level of one OS on one date, with the entry that decided it.
 *
 * @param level      SUPPORTED, EXTENDED_FREE, EXTENDED_PAID or EOL
 * @param entry      the lifecycle entry used
 * @param effectiveEnd the date after which this machine gets no more security fixes at this level
 */
public record EolAssessment(SupportLevel level, EolEntry entry, LocalDate effectiveEnd) {
}
