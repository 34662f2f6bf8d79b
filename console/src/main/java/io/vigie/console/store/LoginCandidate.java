package io.vigie.console.store;

/** A user looked up by email for a password check; the hash never leaves the login code path. */
public record LoginCandidate(UserAccount user, String passwordHash) {
}
