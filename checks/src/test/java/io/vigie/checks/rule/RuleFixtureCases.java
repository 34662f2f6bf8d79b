package io.vigie.checks.rule;

import io.vigie.checks.testing.RuleFixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds the rule fixtures by walking {@code rules/} on the test class path (adding a case = adding a file). */
final class RuleFixtureCases {

    private RuleFixtureCases() {
    }

    static Path root() {
        URL url = RuleFixtureCases.class.getResource("/" + RuleFixtures.ROOT);
        if (url == null) {
            throw new IllegalStateException("no rule fixtures on the class path");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every (rule id, kind) pair, sorted. */
    static List<String[]> all() {
        List<String[]> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root())) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                        String name = f.getFileName().toString();
                        out.add(new String[] {dir.getFileName().toString(), name.substring(0, name.length() - 5)});
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Kinds present for one rule. */
    static List<String> kinds(String ruleId) {
        return all().stream().filter(c -> c[0].equals(ruleId)).map(c -> c[1]).toList();
    }
}
