package io.vigie.agent.collect.windows;

import io.vigie.agent.collect.Collector;
import io.vigie.agent.fixtures.FixtureCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every case under {@code fixtures/windows/<collector>/<case>/}, run through the collector named by its folder. */
class WindowsFixturesTest {

    static final Map<String, Supplier<Collector>> BY_FOLDER = Map.of(
            "os", OsIdentityCollector::new,
            "update", WindowsUpdateCollector::new,
            "accounts", LocalAccountsCollector::new,
            "bitlocker", BitLockerCollector::new,
            "backup", WindowsBackupCollector::new,
            "listeners", ListenersCollector::new,
            "remote", RemoteAccessCollector::new,
            "firewall", FirewallCollector::new,
            "antivirus", AntivirusCollector::new);

    @TestFactory
    Stream<DynamicTest> windowsCases() {
        return FixtureCases.walk("windows", folder -> {
            Supplier<Collector> s = BY_FOLDER.get(folder);
            return s == null ? null : s.get();
        });
    }

    @Test
    void atLeastFortyFiveCases() {
        long n = FixtureCases.count("windows");
        assertTrue(n >= 45, "only " + n + " Windows fixture cases");
    }
}
