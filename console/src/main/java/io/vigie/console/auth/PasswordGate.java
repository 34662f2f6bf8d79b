package io.vigie.console.auth;

import io.vigie.console.store.AccountStore;
import io.vigie.console.store.LoginCandidate;
import io.vigie.console.store.Store;
import io.vigie.console.store.UserAccount;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * The one limiter in front of every password check (web login, {@code POST /api/v1/tokens}): per account and per
 * client address, with counters in the database so every console instance shares them. It counts first, then
 * checks: each attempt is counted atomically (one upsert that increments and returns the new count) before the
 * password is looked at, so concurrent attempts cannot all read "under the limit" — at most {@code perAccount}
 * password checks happen per account and window, however many arrive at once. A successful check gives its count
 * back. The first attempt refused on an account is written to the security audit log ({@code account_locked}).
 */
public final class PasswordGate {

    /** The counting window. */
    public static final Duration WINDOW = Duration.ofHours(1);
    /** An address may try this many times the per-account limit (several users behind one NAT). */
    public static final int PER_ADDRESS_FACTOR = 3;

    private final Store store;
    private final AccountStore accounts;
    private final int perAccount;
    private final BiPredicate<String, String> check;

    public PasswordGate(Store store, int perAccount) {
        this(store, perAccount, Passwords::matches);
    }

    /** @param check password, stored hash → matches (a seam for tests that count checks) */
    public PasswordGate(Store store, int perAccount, BiPredicate<String, String> check) {
        this.store = store;
        this.accounts = store.accounts();
        this.perAccount = perAccount;
        this.check = check;
    }

    /**
     * The outcome of one attempt.
     *
     * @param user       the account when the password matched
     * @param throttled  refused before any check: too many attempts for the account or the address
     * @param retryAfter when throttled, how long until the window ends
     */
    public record Outcome(Optional<UserAccount> user, boolean throttled, Duration retryAfter) {
    }

    /** @param email normalised (trimmed, lower case) */
    public Outcome attempt(String email, String password, String address, Instant now) {
        String accountBucket = AccountStore.LOGIN_BUCKET + email;
        String addressBucket = "login-ip:" + address;
        int forAccount = accounts.hit(accountBucket, now, WINDOW);
        int forAddress = accounts.hit(addressBucket, now, WINDOW);
        if (forAccount > perAccount || forAddress > perAccount * PER_ADDRESS_FACTOR) {
            if (forAccount == perAccount + 1) {
                accounts.recordSecurityEvent(now, accounts.findLogin(email).map(l -> l.user().providerId()).orElse(null),
                        null, "account_locked", email);
            }
            Duration wait = Duration.ZERO;
            if (forAccount > perAccount) {
                wait = store.web().throttleWait(accountBucket, now, WINDOW);
            }
            if (forAddress > perAccount * PER_ADDRESS_FACTOR) {
                Duration w = store.web().throttleWait(addressBucket, now, WINDOW);
                wait = w.compareTo(wait) > 0 ? w : wait;
            }
            return new Outcome(Optional.empty(), true, wait);
        }
        Optional<LoginCandidate> user = accounts.findLogin(email);
        boolean ok;
        if (user.isEmpty()) {
            Passwords.burn(password);
            ok = false;
        } else {
            ok = check.test(password, user.get().passwordHash());
        }
        if (!ok) {
            return new Outcome(Optional.empty(), false, Duration.ZERO);
        }
        accounts.unhit(accountBucket);
        accounts.unhit(addressBucket);
        return new Outcome(Optional.of(user.get().user()), false, Duration.ZERO);
    }
}
