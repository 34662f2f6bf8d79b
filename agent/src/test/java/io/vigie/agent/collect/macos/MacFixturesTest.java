package io.vigie.agent.collect.macos;

import io.vigie.agent.collect.AgentConfig;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.fixtures.FixtureCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every case under fixtures/macos/, run through the collector its folder names. */
class MacFixturesTest {

    private static Map<String, Collector> byName() {
        Map<String, Collector> m = new TreeMap<>();
        for (Collector c : MacCollectors.create(AgentConfig.defaults())) {
            m.put(c.name(), c);
        }
        return m;
    }

    @TestFactory
    Stream<DynamicTest> fixtureCases() {
        Map<String, Collector> collectors = byName();
        return FixtureCases.walk("macos", collectors::get);
    }

    @Test
    void enoughCases() {
        long n = FixtureCases.count("macos");
        assertTrue(n >= 25, "at least 25 macOS fixture cases, found " + n);
    }

    @Test
    void collectorNamesAreUniqueFolders() {
        List<Collector> all = MacCollectors.create(AgentConfig.defaults());
        assertEquals(all.size(), byName().size(), "two collectors share a name");
    }
}
