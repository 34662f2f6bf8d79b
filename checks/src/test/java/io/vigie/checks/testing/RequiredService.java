package io.vigie.checks.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a test needs from the machine (a program, a database, root). Absent, the test is skipped with the reason
 * (JUnit's abort: Surefire counts it under "Skipped" and keeps the message), except under {@code CI=true}, set by
 * {@code .ci/run}, where every test must run: there an absent service fails the test. Shared with the agent and
 * the console through the test-jar, so each service-backed test states its need in one line.
 */
public final class RequiredService {

    private RequiredService() {
    }

    /** True under {@code CI=true}. */
    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Returns when {@code present}; otherwise skips the calling test (fails it under CI) with {@code missing}, which
     * says what is absent and how to get it (e.g. "poppler-utils absent (pdftotext, pdftoppm): apt-get install
     * poppler-utils").
     */
    public static void require(boolean present, String missing) {
        if (present) {
            return;
        }
        if (underCi()) {
            Assertions.fail("CI=true and " + missing + ": CI must run this test (.ci/run installs and starts its services)");
        }
        System.err.println("[vigie] test skipped: " + missing);
        Assumptions.abort(missing);
    }

    /**
     * The programs {@code names} (looked up on {@code PATH}, or absolute paths), first one's path returned; when one is
     * missing the test is skipped (failed under CI) with "{@code debianPackage} absent (name not found …): apt-get
     * install {@code debianPackage}".
     */
    public static Path programs(String debianPackage, String... names) {
        Path first = null;
        for (String name : names) {
            Optional<Path> p = find(name);
            require(p.isPresent(), debianPackage + " absent (" + name + " not found on PATH=" + System.getenv("PATH")
                    + "): apt-get install " + debianPackage);
            if (first == null) {
                first = p.get();
            }
        }
        return first;
    }

    /** {@code name} when it is an executable absolute path, else the first executable {@code name} on {@code PATH}. */
    public static Optional<Path> find(String name) {
        Path p = Path.of(name);
        if (p.isAbsolute()) {
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Optional.of(Path.of(dir, name));
            }
        }
        return Optional.empty();
    }
}
