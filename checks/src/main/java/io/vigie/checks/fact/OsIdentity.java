package io.vigie.checks.fact;

/**
 * Which operating system this is, precisely enough to look up its end of life.
 *
 * @param family           {@code windows}, {@code linux} or {@code macos}
 * @param productId        end-of-life product: {@code windows}, {@code windows-server}, {@code debian},
 *                         {@code ubuntu}, {@code rhel}, {@code almalinux}, {@code rocky}, {@code macos}, or another
 *                         distribution id (then no end-of-life data may exist)
 * @param name             human name, e.g. "Debian GNU/Linux 12 (bookworm)", "Windows 11 Professionnel"
 * @param version          release: "12", "22.04", "23H2", "15.1"
 * @param build            full build: "10.0.22631.4317" (build + UBR), "24B83", kernel for Linux
 * @param edition          Windows EditionID (Professional, Enterprise, EnterpriseS, ServerStandard…); null elsewhere
 * @param editionClass     {@code HOME_PRO}, {@code ENTERPRISE_EDU}, {@code LTSC}, {@code SERVER}; null when not Windows
 * @param kernel           kernel release
 * @param arch             machine architecture
 * @param extendedSupport  a paid extension (Windows ESU, Ubuntu Pro ESM) seen enabled: true; seen absent: false;
 *                         null when it could not be checked
 */
public record OsIdentity(
        String family,
        String productId,
        String name,
        String version,
        String build,
        String edition,
        String editionClass,
        String kernel,
        String arch,
        Boolean extendedSupport) {
}
