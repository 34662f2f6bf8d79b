package io.vigie.checks.fact;

/**
 * Built-in protections of macOS (and their equivalents where they exist).
 *
 * @param gatekeeper      only signed / notarised apps run (spctl)
 * @param sip             System Integrity Protection (csrutil)
 * @param xprotectVersion XProtect definitions version
 */
public record PlatformProtection(Boolean gatekeeper, Boolean sip, String xprotectVersion) {
}
