package io.vigie.console.web.view;

/** A user of the provider. */
public record UserRow(String id, String email, String role, boolean locked) {
}
