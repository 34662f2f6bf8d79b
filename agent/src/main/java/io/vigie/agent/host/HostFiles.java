package io.vigie.agent.host;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Read-only access to the machine's files. Collectors read files only through this seam, so tests and
 * {@code vigie check --replay} can substitute recorded files. The agent never writes here and never sends
 * file contents: parsers extract settings, not text.
 * Implementations must be safe for concurrent use.
 */
public interface HostFiles {

    HostFiles SYSTEM = new SystemHostFiles();

    /** Reads a text file (UTF-8, at most 4 MiB; {@code .gz} files are decompressed). */
    FileContent read(String path);

    /** Names of the entries of a directory, sorted; empty when it does not exist or cannot be read. */
    List<String> list(String dir);

    /** Last modification time, when the path exists and can be stat'ed. */
    Optional<Instant> modified(String path);

    boolean exists(String path);

    boolean isDirectory(String path);
}
