package io.vigie.agent.collect.windows;

import io.vigie.agent.fixtures.FixtureCases;
import io.vigie.agent.replay.Recording;
import io.vigie.checks.fact.FactStatus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same machine answering in French and in English (display language) must give identical facts: every
 * fixture case named {@code <name>-fr} that has a twin {@code <name>-en} is collected twice and compared.
 */
class FrenchEnglishTest {

    @TestFactory
    Stream<DynamicTest> frenchAndEnglishOutputsGiveTheSameFacts() throws IOException {
        Path root = FixtureCases.root().resolve("windows");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path fr : s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().endsWith("-fr")).sorted().toList()) {
                String base = fr.getFileName().toString();
                Path en = fr.resolveSibling(base.substring(0, base.length() - 3) + "-en");
                if (!Files.isDirectory(en)) {
                    continue;
                }
                String folder = root.relativize(fr).getName(0).toString();
                tests.add(DynamicTest.dynamicTest(root.relativize(fr) + " = " + en.getFileName(), () -> {
                    var collector = WindowsFixturesTest.BY_FOLDER.get(folder).get();
                    Recording frRec = Recording.load(fr);
                    Recording enRec = Recording.load(en);
                    assertEquals("fr-FR", frRec.machine().get("locale"));
                    assertEquals("en-US", enRec.machine().get("locale"));
                    var frFacts = collector.collect(WindowsTestSupport.context(frRec));
                    var enFacts = collector.collect(WindowsTestSupport.context(enRec));
                    assertTrue(frFacts.stream().anyMatch(f -> f.status() == FactStatus.OK),
                            "the French case must produce at least one OK fact");
                    assertEquals(WindowsTestSupport.comparable(frFacts), WindowsTestSupport.comparable(enFacts));
                }));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        assertFalse(tests.size() < 2, "expected French/English twins for net localgroup and netsh, found " + tests.size());
        return tests.stream();
    }
}
