package io.vigie.console.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/** User passwords, hashed with Argon2id (OWASP minimum: 19 MiB, 2 passes, 1 lane) in PHC string format. */
public final class Passwords {

    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
    /** Checked against when the email is unknown, so both cases cost the same time. */
    private static final String DUMMY = hash("not-a-real-password-used-for-timing");

    private Passwords() {
    }

    public static String hash(String password) {
        if (password == null || password.length() < 12) {
            throw new IllegalArgumentException("a password needs at least 12 characters");
        }
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    /** True when {@code password} matches {@code phcHash}; a null hash (no password set) never matches. */
    public static boolean matches(String password, String phcHash) {
        if (phcHash == null || !phcHash.startsWith("$argon2")) {
            Password.check(password == null ? "" : password, DUMMY).with(ARGON2ID);
            return false;
        }
        return Password.check(password == null ? "" : password, phcHash).with(Argon2Function.getInstanceFromHash(phcHash));
    }

    /** Spends the time of a real check; for unknown emails. */
    public static void burn(String password) {
        Password.check(password == null ? "" : password, DUMMY).with(ARGON2ID);
    }
}
