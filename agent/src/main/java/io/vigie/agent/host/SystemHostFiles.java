package io.vigie.agent.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** {@link HostFiles} on the real file system. */
final class SystemHostFiles implements HostFiles {

    static final int MAX_BYTES = 4 * 1024 * 1024;

    @Override
    public FileContent read(String path) {
        Path p = Path.of(path);
        if (!Files.exists(p)) {
            return FileContent.absent(path);
        }
        if (!Files.isReadable(p)) {
            return FileContent.denied(path, "not readable by this user");
        }
        try (InputStream raw = Files.newInputStream(p);
             InputStream in = path.endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            byte[] bytes = in.readNBytes(MAX_BYTES);
            return FileContent.ok(path, new String(bytes, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return FileContent.absent(path);
        } catch (AccessDeniedException e) {
            return FileContent.denied(path, e.getMessage());
        } catch (IOException e) {
            return FileContent.error(path, e.toString());
        }
    }

    @Override
    public List<String> list(String dir) {
        Path p = Path.of(dir);
        if (!Files.isDirectory(p) || !Files.isReadable(p)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.map(x -> x.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public Optional<Instant> modified(String path) {
        try {
            return Optional.of(Files.getLastModifiedTime(Path.of(path)).toInstant());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS) || Files.exists(Path.of(path));
    }

    @Override
    public boolean isDirectory(String path) {
        return Files.isDirectory(Path.of(path));
    }
}
