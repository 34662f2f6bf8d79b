package io.vigie.checks.referential;

/** A document the referential draws on. {@code url} may be null. */
public record Source(String id, String title, String url) {
}
