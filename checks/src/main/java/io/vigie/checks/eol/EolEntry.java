package io.vigie.checks.eol;

import java.time.LocalDate;

/**
 * One release cycle's lifecycle.
 *
 * @param product      endoflife.date product id
 * @param cycle        cycle id ("12", "11-24H2-ENTERPRISE_EDU")
 * @param label        human name ("Debian 12", "Windows 11 24H2 Entreprise")
 * @param securityEnd  end of regular security updates
 * @param extendedEnd  end of the extension (LTS, ESU, ESM); null when none
 * @param extendedKind {@code FREE} or {@code PAID}; null when none
 */
public record EolEntry(String product, String cycle, String label, LocalDate securityEnd, LocalDate extendedEnd,
                       String extendedKind) {
}
