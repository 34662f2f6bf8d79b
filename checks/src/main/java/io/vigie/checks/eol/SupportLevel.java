package io.vigie.checks.eol;

/**
 * Whether the vendor still fixes security flaws.
 * {@code EXTENDED_FREE}: community long-term support (Debian LTS) — supported, low-severity note.
 * {@code EXTENDED_PAID}: paid extension (Windows ESU, Ubuntu ESM) seen enabled; without it the level is EOL.
 */
public enum SupportLevel {
    SUPPORTED, EXTENDED_FREE, EXTENDED_PAID, EOL
}
