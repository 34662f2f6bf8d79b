package io.vigie.agent.collect.linux;

import io.vigie.agent.fixtures.FixtureCases;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every case under {@code fixtures/linux/<collector>/<case>/}, run through the collector named by its folder. */
class LinuxFixturesTest {

    @TestFactory
    Stream<DynamicTest> cases() {
        return FixtureCases.walk("linux", LinuxCollectors::byName);
    }

    @Test
    void atLeastThirtyCases() {
        long n = FixtureCases.count("linux");
        assertTrue(n >= 30, "only " + n + " Linux fixture cases");
    }
}
