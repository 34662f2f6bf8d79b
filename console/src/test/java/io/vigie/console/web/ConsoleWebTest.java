package io.vigie.console.web;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vigie.console.TestDatabases;
import io.vigie.console.TestDatabases.Backend;
import io.vigie.console.TestDatabases.TestDb;
import io.vigie.console.api.ConsoleFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The set-up every web test shares: for each test, a fresh database ({@link #backend()}, SQLite unless a test class
 * says otherwise), a console on it with the {@link ConsoleFixture} tenants, and a {@link WebTestClient} on that
 * console; all stopped after the test, each only if it was started (a skipped service leaves nothing to close).
 * A subclass's own {@code @BeforeEach} runs after this one, its {@code @AfterEach} before.
 */
@ExtendWith(VertxExtension.class)
abstract class ConsoleWebTest {

    @TempDir
    Path tmp;
    TestDb db;
    ConsoleFixture c;
    WebTestClient web;

    /** The database the console runs on. */
    Backend backend() {
        return Backend.SQLITE;
    }

    /** Whether the console under test writes its access log. */
    boolean accessLog() {
        return false;
    }

    @BeforeEach
    final void startConsole(Vertx vertx) {
        db = TestDatabases.create(backend(), tmp);
        c = new ConsoleFixture(vertx, db.url(), tmp, accessLog());
        web = new WebTestClient(c.server.localUrl());
    }

    @AfterEach
    final void stopConsole() {
        try {
            if (c != null) {
                c.close();
            }
        } finally {
            if (db != null) {
                db.close();
            }
        }
    }
}
