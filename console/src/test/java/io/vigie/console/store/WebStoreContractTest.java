package io.vigie.console.store;

import io.vigie.console.TestDatabases;
import io.vigie.console.TestDatabases.Backend;
import io.vigie.console.TestDatabases.TestDb;
import io.vigie.console.store.WebStore.NewWebSession;
import io.vigie.console.store.jdbc.JdbcStore;
import io.vigie.console.store.jdbc.JdbcWebStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link WebStore} on each backend (V2__web.sql must run unchanged on both). */
abstract class WebStoreContractTest {

    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path tmp;
    TestDb db;
    JdbcStore store;
    WebStore web;
    Scope admin;
    Scope expert;
    Scope otherAdmin;
    Organisation org;

    abstract Backend backend();

    @BeforeEach
    void open() {
        db = TestDatabases.create(backend(), tmp);
        store = new JdbcStore(db.open());
        web = store.web();
        UUID p = store.accounts().ensureProvider("Alpha", T0);
        UUID q = store.accounts().ensureProvider("Beta", T0);
        admin = store.accounts().createUser(p, null, "admin@a.example", "$argon2id$x", Role.PROVIDER_ADMIN, T0).scope();
        expert = store.accounts().createUser(p, null, "expert@a.example", "$argon2id$x", Role.EXPERT, T0).scope();
        otherAdmin = store.accounts().createUser(q, null, "admin@b.example", "$argon2id$x", Role.PROVIDER_ADMIN, T0).scope();
        org = store.tenants().createOrganisation(admin, "Org", T0);
    }

    @AfterEach
    void close() {
        // setUp aborts before either exists when the backend is absent (PostgreSQL skipped without its URL)
        if (store != null) {
            store.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void sessionsAreHashedExpireAndEnd() {
        NewWebSession s = web.createWebSession(admin.userId(), T0, Duration.ofHours(1));
        var found = web.findWebSession(s.secret(), T0.plusSeconds(60)).orElseThrow();
        assertEquals(admin, found.scope());
        assertEquals(s.csrfToken(), found.csrfToken());
        assertNotEquals(s.secret(), s.csrfToken());
        assertTrue(web.findWebSession(s.secret(), T0.plus(Duration.ofHours(2))).isEmpty(), "expired");
        assertEquals(1, web.purgeExpiredSessions(T0.plus(Duration.ofHours(2))));
        NewWebSession t = web.createWebSession(admin.userId(), T0, Duration.ofHours(1));
        web.deleteWebSession(t.secret());
        assertTrue(web.findWebSession(t.secret(), T0).isEmpty());
        web.setLanguage(admin.userId(), "en");
        NewWebSession u = web.createWebSession(admin.userId(), T0, Duration.ofHours(1));
        assertEquals("en", web.findWebSession(u.secret(), T0).orElseThrow().lang());
    }

    @Test
    void invitationsAreOneTimeAndAdminOnly() {
        assertThrows(StoreException.class, () -> web.createInvitation(expert, "x@a.example", Role.EXPERT, null, T0, Duration.ofDays(1)));
        StoreException foreign = assertThrows(StoreException.class,
                () -> web.createInvitation(otherAdmin, "v@b.example", Role.CUSTOMER_VIEWER, org.id(), T0, Duration.ofDays(1)));
        assertEquals(StoreException.Kind.NOT_FOUND, foreign.kind());
        IssuedSecret inv = web.createInvitation(admin, "Viewer@A.example", Role.CUSTOMER_VIEWER, org.id(), T0, Duration.ofDays(1));
        assertEquals("viewer@a.example", web.invitation(inv.secret(), T0).orElseThrow().email());
        assertTrue(web.invitation(inv.secret(), T0.plus(Duration.ofDays(2))).isEmpty(), "expired");
        UserAccount u = web.acceptInvitation(inv.secret(), "$argon2id$y", T0);
        assertEquals(org.id(), u.organisationId());
        assertEquals(Role.CUSTOMER_VIEWER, u.role());
        assertThrows(StoreException.class, () -> web.acceptInvitation(inv.secret(), "$argon2id$z", T0));
        assertEquals(3, web.users(admin).size());
        assertThrows(StoreException.class, () -> web.users(expert));
    }

    @Test
    void resetLinksChangeThePasswordOnceAndEndSessions() {
        assertThrows(StoreException.class, () -> web.createPasswordReset(otherAdmin, expert.userId(), T0, Duration.ofDays(1)));
        NewWebSession s = web.createWebSession(expert.userId(), T0, Duration.ofHours(1));
        IssuedSecret r = web.createPasswordReset(admin, expert.userId(), T0, Duration.ofDays(1));
        assertEquals("expert@a.example", web.passwordReset(r.secret(), T0).orElseThrow());
        web.resetPassword(r.secret(), "$argon2id$new", T0);
        assertEquals("$argon2id$new", store.accounts().findLogin("expert@a.example").orElseThrow().passwordHash());
        assertTrue(web.findWebSession(s.secret(), T0).isEmpty());
        assertThrows(StoreException.class, () -> web.resetPassword(r.secret(), "$argon2id$again", T0));
    }

    @Test
    void tokensSettingsAndThrottleWait() {
        IssuedSecret t = store.accounts().createApiToken(expert, "script", T0);
        assertEquals(1, web.apiTokens(expert).size());
        assertTrue(web.apiTokens(admin).isEmpty(), "only one's own tokens");
        store.accounts().revokeApiToken(expert, t.id(), T0);
        assertEquals(T0, web.apiTokens(expert).get(0).revokedAt());

        assertEquals(WebStore.DEFAULT_SILENT_AFTER_DAYS, web.silentAfterDays(expert));
        web.setSilentAfterDays(admin, 3);
        web.setSilentAfterDays(admin, 14);
        assertEquals(14, web.silentAfterDays(expert));
        assertEquals(WebStore.DEFAULT_SILENT_AFTER_DAYS, web.silentAfterDays(otherAdmin));
        assertThrows(StoreException.class, () -> web.setSilentAfterDays(expert, 3));
        assertThrows(StoreException.class, () -> web.setSilentAfterDays(admin, 0));

        assertEquals(Duration.ZERO, web.throttleWait("login:x", T0, Duration.ofHours(1)));
        store.accounts().hit("login:x", T0, Duration.ofHours(1));
        assertEquals(Duration.ofMinutes(40), web.throttleWait("login:x", T0.plus(Duration.ofMinutes(20)), Duration.ofHours(1)));
        assertFalse(web.throttleWait("login:x", T0.plus(Duration.ofHours(2)), Duration.ofHours(1)).isNegative());
    }
}
